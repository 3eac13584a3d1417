import { deliveryNotFound, refusal } from "@/lib/api/recovery";
import { apiRoute, otherMethods } from "@/lib/api/route";
import { getDb } from "@/lib/db";
import { retryDelivery } from "@/lib/recovery/deliveries";

export const dynamic = "force-dynamic";

// A pending, failed or cancelled delivery is sent at once, same webhook-id; its retry schedule goes on.
export const POST = apiRoute<{ id: string }>(async ({ params, principal }) => {
  const result = await retryDelivery(await getDb(), principal.workspaceId, params.id);
  if (result.ok) return Response.json(result.delivery, { status: 202 });
  throw result.error === "not_found" ? deliveryNotFound() : refusal(result.error);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
