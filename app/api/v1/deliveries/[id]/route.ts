import { deliveryNotFound } from "@/lib/api/recovery";
import { apiRoute, otherMethods } from "@/lib/api/route";
import { getDb } from "@/lib/db";
import { getDelivery } from "@/lib/recovery/deliveries";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>(async ({ params, principal }) => {
  const delivery = await getDelivery(await getDb(), principal.workspaceId, params.id);
  if (!delivery) throw deliveryNotFound();
  return Response.json(delivery);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
