import { apiRoute, otherMethods } from "@/lib/api/route";
import { holdToTestLimit, readTestInput, testSendResponse } from "@/lib/api/test-send";
import { getDb } from "@/lib/db";
import { sendTest } from "@/lib/dispatch/test-send";

export const dynamic = "force-dynamic";

// One test send of the webhook, answered with its outcome (lib/dispatch/test-send.ts); a `read` key is
// refused (403) as a viewer is in the editor.
export const POST = apiRoute<{ id: string }>(async ({ request, params, principal, locale }) => {
  const input = await readTestInput(request);
  const db = await getDb();
  await holdToTestLimit(db, principal.workspaceId);
  return testSendResponse(await sendTest(db, principal.workspaceId, params.id, input), locale);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
