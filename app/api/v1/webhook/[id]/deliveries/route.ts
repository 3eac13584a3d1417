import { parseQuery } from "@/lib/api/recovery";
import { webhookNotFound } from "@/lib/api/responses";
import { apiRoute, otherMethods } from "@/lib/api/route";
import { getDb } from "@/lib/db";
import { listWebhookDeliveries } from "@/lib/recovery/deliveries";
import { pageQuerySchema } from "@/lib/recovery/schemas";

export const dynamic = "force-dynamic";

// Newest first; `older` is the cursor of the next page (`?before=`), null on the last one.
export const GET = apiRoute<{ id: string }>(async ({ request, params, principal }) => {
  const query = parseQuery(request, pageQuerySchema);
  const page = await listWebhookDeliveries(await getDb(), principal.workspaceId, params.id, query);
  if (!page) throw webhookNotFound();
  return Response.json(page);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
