import { eventNotFound } from "@/lib/api/recovery";
import { apiRoute, otherMethods } from "@/lib/api/route";
import { getDb } from "@/lib/db";
import { getEvent } from "@/lib/recovery/events";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>(async ({ params, principal }) => {
  const event = await getEvent(await getDb(), principal.workspaceId, params.id);
  if (!event) throw eventNotFound();
  return Response.json(event);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
