import { inboxNotFound } from "@/lib/api/inbox-responses";
import { apiRoute, otherMethods } from "@/lib/api/route";
import { getDb } from "@/lib/db";
import { rotateInboxToken } from "@/lib/inbox/inboxes";

export const dynamic = "force-dynamic";

// A new address at once; the old one answers 404 from now on.
export const POST = apiRoute<{ id: string }>(async ({ params, principal }) => {
  const inbox = await rotateInboxToken(await getDb(), principal, params.id);
  if (!inbox) throw inboxNotFound();
  return Response.json(inbox);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
