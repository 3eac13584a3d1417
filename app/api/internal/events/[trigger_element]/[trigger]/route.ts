import { acceptEventResponse } from "@/lib/api/events";
import { readJson } from "@/lib/api/read-json";
import { apiRoute, otherMethods } from "@/lib/api/route";

export const dynamic = "force-dynamic";

type Params = { trigger_element: string; trigger: string };

// The same as POST /api/internal/events, with element and trigger in the path and the data as the body.
export const POST = apiRoute<Params>(
  async ({ request, params, locale, principal }) => {
    const data = await readJson(request);
    const prokey = new URL(request.url).searchParams.get("prokey");
    return acceptEventResponse(
      principal.workspaceId,
      { ...params, data, ...(prokey ? { prokey } : {}) },
      locale,
    );
  },
  { realm: "internal" },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
