import { deliveryNotFound, refusal } from "@/lib/api/recovery";
import { apiRoute, otherMethods } from "@/lib/api/route";
import { getDb } from "@/lib/db";
import { replayDelivery } from "@/lib/recovery/deliveries";

export const dynamic = "force-dynamic";

// A new delivery of the same event to the same webhook (a new webhook-id), whatever the original's state.
export const POST = apiRoute<{ id: string }>(async ({ params, principal }) => {
  const result = await replayDelivery(await getDb(), principal.workspaceId, params.id);
  if (result.ok) return Response.json(result.delivery, { status: 202 });
  throw result.error === "not_found" ? deliveryNotFound() : refusal(result.error);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
