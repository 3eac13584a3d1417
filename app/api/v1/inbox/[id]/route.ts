import { inboxNotFound, inboxResponse } from "@/lib/api/inbox-responses";
import { readJson } from "@/lib/api/read-json";
import { apiRoute, otherMethods } from "@/lib/api/route";
import { getDb } from "@/lib/db";
import { deleteInbox, getInbox, updateInbox } from "@/lib/inbox/inboxes";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ params, principal }) => {
  const inbox = await getInbox(await getDb(), principal.workspaceId, params.id);
  if (!inbox) throw inboxNotFound();
  return Response.json(inbox);
});

// Rename, pin or unpin, or change what the inbox answers: only the fields sent change.
export const PATCH = apiRoute<Params>(async ({ request, params, principal }) => {
  const patch = await readJson(request);
  return inboxResponse(await updateInbox(await getDb(), principal, params.id, patch), 200);
});

export const DELETE = apiRoute<Params>(async ({ params, principal }) => {
  if (!(await deleteInbox(await getDb(), principal, params.id))) throw inboxNotFound();
  return new Response(null, { status: 204 });
});

export const { POST, PUT, OPTIONS } = otherMethods(["GET", "PATCH", "DELETE"]);
