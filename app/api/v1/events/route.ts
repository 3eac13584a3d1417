import { parseQuery } from "@/lib/api/recovery";
import { apiRoute, otherMethods } from "@/lib/api/route";
import { getDb } from "@/lib/db";
import { listEvents } from "@/lib/recovery/events";
import { eventQuerySchema } from "@/lib/recovery/schemas";

export const dynamic = "force-dynamic";

// Newest first; `older` is the cursor of the next page (`?before=`), null on the last one.
export const GET = apiRoute(async ({ request, principal }) => {
  const query = parseQuery(request, eventQuerySchema);
  return Response.json(await listEvents(await getDb(), principal.workspaceId, query));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
