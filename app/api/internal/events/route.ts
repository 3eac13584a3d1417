import { acceptEventResponse } from "@/lib/api/events";
import { readJson } from "@/lib/api/read-json";
import { apiRoute, otherMethods } from "@/lib/api/route";

export const dynamic = "force-dynamic";

// The host platform reports an element change: { trigger_element, trigger, data, prokey?, idempotency_key? }
// (or the key in an Idempotency-Key header).
export const POST = apiRoute(
  async ({ request, locale, principal }) =>
    acceptEventResponse(principal.workspaceId, await readJson(request), locale, request.headers),
  { realm: "internal" },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
