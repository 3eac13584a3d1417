"use server";

import { takeTestSend } from "@/lib/api/rate-limit";
import { accessFor } from "@/lib/auth/access";
import { getDb } from "@/lib/db";
import type { TestEventChoice, TestOutcome } from "@/lib/dispatch/test-outcome";
import { recentTestEvents, sendTest, sendUnsavedTest, type TestSendResult } from "@/lib/dispatch/test-send";
import { listInboxes } from "@/lib/inbox/inboxes";
import { refused } from "./refused";
import { type ActionResult, failed, succeeded } from "./result";

// "Send test" in the editor and the list. Public endpoints: lib/dispatch validates every input; editors and
// owners may send (a viewer is answered as if the webhook did not exist), within the workspace's limit.

type TestResult = ActionResult<TestOutcome, "not_found" | "validation_failed" | "rate_limited">;

async function answer(result: TestSendResult): Promise<TestResult> {
  if (result.ok) return succeeded(result.outcome);
  return result.error === "not_found" ? failed("not_found") : refused(result.issues);
}

/** A test of the saved webhook, logged as a test delivery. */
export async function sendTestAction(webhookId: string, input: unknown): Promise<TestResult> {
  const access = await accessFor("editor");
  if (!access) return failed("not_found");
  const db = await getDb();
  if (!(await takeTestSend(db, access.workspaceId)).ok) return failed("rate_limited");
  return answer(await sendTest(db, access.workspaceId, String(webhookId), input));
}

/** A test of the editor's form as it is, unsaved and so not logged; `webhookId` when it edits a saved one. */
export async function sendUnsavedTestAction(
  webhookId: string | null,
  values: unknown,
  input: unknown,
): Promise<TestResult> {
  const access = await accessFor("editor");
  if (!access) return failed("not_found");
  const db = await getDb();
  if (!(await takeTestSend(db, access.workspaceId)).ok) return failed("rate_limited");
  const saved = webhookId === null ? null : String(webhookId);
  return answer(await sendUnsavedTest(db, access.workspaceId, saved, values, input));
}

export type TestChoices = { events: TestEventChoice[]; inboxes: { id: string; name: string }[] };

/** What a test may use instead of the defaults: recent real events, the workspace's request inboxes. */
export async function testChoicesAction(
  element: string,
  trigger: string,
): Promise<ActionResult<TestChoices, "not_found">> {
  const access = await accessFor("editor");
  if (!access) return failed("not_found");
  const db = await getDb();
  const [events, inboxes] = await Promise.all([
    recentTestEvents(db, access.workspaceId, String(element), String(trigger)),
    listInboxes(db, access.workspaceId),
  ]);
  return succeeded({ events, inboxes: inboxes.map(({ id, name }) => ({ id, name })) });
}
