import { acceptEventResponse } from "@/lib/api/events";
import { readJson } from "@/lib/api/read-json";
import { apiRoute, otherMethods } from "@/lib/api/route";

export const dynamic = "force-dynamic";

type Params = { trigger_element: string; trigger: string };

// The same as POST /api/internal/events, with element and trigger in the path and the data as the body;
// the prokey and the idempotency key as query parameters (or the key in an Idempotency-Key header).
export const POST = apiRoute<Params>(
  async ({ request, params, locale, principal }) => {
    const data = await readJson(request);
    const query = new URL(request.url).searchParams;
    const prokey = query.get("prokey");
    const key = query.get("idempotency_key");
    return acceptEventResponse(
      principal.workspaceId,
      { ...params, data, ...(prokey ? { prokey } : {}), ...(key !== null ? { idempotency_key: key } : {}) },
      locale,
      request.headers,
    );
  },
  { realm: "internal" },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
