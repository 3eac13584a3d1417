import { acceptEventResponse } from "@/lib/api/events";
import { readJson } from "@/lib/api/read-json";
import { apiRoute, otherMethods } from "@/lib/api/route";

export const dynamic = "force-dynamic";

// The host platform reports an element change: { trigger_element, trigger, data, prokey? }.
export const POST = apiRoute(
  async ({ request, locale, principal }) =>
    acceptEventResponse(principal.workspaceId, await readJson(request), locale),
  { realm: "internal" },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
