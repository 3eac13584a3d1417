import { eventNotFound, parseBody, refusal } from "@/lib/api/recovery";
import { webhookNotFound } from "@/lib/api/responses";
import { apiRoute, otherMethods } from "@/lib/api/route";
import { getDb } from "@/lib/db";
import { replayEvent } from "@/lib/recovery/events";
import { replayEventSchema } from "@/lib/recovery/schemas";

export const dynamic = "force-dynamic";

// To every active webhook the event reached, or to one (`{ "webhook_id" }`), as configured today.
export const POST = apiRoute<{ id: string }>(async ({ request, params, principal }) => {
  const { webhook_id } = await parseBody(request, replayEventSchema, { optional: true });
  const result = await replayEvent(await getDb(), principal.workspaceId, params.id, webhook_id);
  if (result.ok) return Response.json({ deliveries: result.deliveries }, { status: 202 });
  if (result.error === "not_found") throw eventNotFound();
  throw result.error === "webhook_not_found" ? webhookNotFound() : refusal(result.error);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
