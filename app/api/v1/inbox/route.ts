import { inboxResponse } from "@/lib/api/inbox-responses";
import { readJson } from "@/lib/api/read-json";
import { apiRoute, otherMethods } from "@/lib/api/route";
import { getDb } from "@/lib/db";
import { createInbox, listInboxes } from "@/lib/inbox/inboxes";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ principal }) =>
  Response.json({ inboxes: await listInboxes(await getDb(), principal.workspaceId) }),
);

export const POST = apiRoute(async ({ request, principal }) => {
  const input = await readJson(request);
  return inboxResponse(await createInbox(await getDb(), principal, input), 201);
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
