import "server-only";
import { randomUUID } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { deliveries, deliveryAttempts, events, type StoredRequest, webhooks } from "@/db/schema";
import { encryptRequestHeaders } from "@/lib/crypto/delivery-requests";
import { encryptionKey } from "@/lib/crypto/key";
import { decryptSecret } from "@/lib/crypto/webhook-secrets";
import { getElement, sampleFor } from "@/lib/elements";
import { isUuid } from "@/lib/ids";
import { getInbox } from "@/lib/inbox/inboxes";
import { ownOrigin } from "@/lib/inbox/own-target";
import { type FieldIssue, issueMessage, toFieldIssues } from "@/lib/validation/issues";
import { buildRequest } from "@/lib/webhooks/build-request";
import { creationInput } from "@/lib/webhooks/patch";
import { type WebhookValues, webhookSchema } from "@/lib/webhooks/schemas";
import { generateSigningSecret } from "@/lib/webhooks/secret";
import { toWebhook } from "@/lib/webhooks/serialize";
import { attemptLog, describeFailure } from "./attempt";
import { dispatchConfig } from "./config";
import { logSecretsOf } from "./mask";
import { sendToTarget } from "./own-inbox";
import type { SendResult } from "./send";
import { signatureHeaders, signedContent } from "./sign";
import { testSendSchema } from "./test-input";
import type { TestEventChoice, TestOutcome } from "./test-outcome";

// "Send test": the webhook rendered with the element's sample data (or a real event of the workspace),
// signed with its secret, sent once by the real sender (SSRF guard included) and answered within the
// request. A test of a saved webhook is logged as a delivery marked is_test, with its one attempt, but it
// is written here, not by the worker's record.ts: it is never retried or resent, and never touches the
// webhook's failing_since, last_execution or the 410 and five-day switch-off (failure-policy.ts).

/** What the editor's picker offers: how many recent real events. */
export const TEST_EVENT_CHOICES = 20;
/** The first 16 KiB of the answer are kept and shown, as in the delivery log. */
const TEST_BODY_LIMIT = 16 * 1024;

export type TestSendResult =
  | { ok: true; outcome: TestOutcome }
  | { ok: false; error: "not_found" }
  | { ok: false; error: "validation_failed"; issues: FieldIssue[] };

type Refused = Extract<TestSendResult, { ok: false }>;

type Source = { data: Record<string, unknown>; eventId: string | null };
type Signing = { secrets: string[]; shownSecret: string | null };

/** Sends a test of a saved webhook of the workspace and logs it as a test delivery. */
export async function sendTest(
  db: Database,
  workspaceId: string,
  webhookId: string,
  input: unknown,
): Promise<TestSendResult> {
  if (!isUuid(webhookId)) return { ok: false, error: "not_found" };
  const [row] = await db
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.workspace_id, workspaceId), eq(webhooks.id, webhookId)));
  if (!row) return { ok: false, error: "not_found" };
  const webhook = toWebhook(row);
  const secrets = [webhook.secret];
  if (row.previous_secret && row.previous_secret_expires_at && row.previous_secret_expires_at > new Date()) {
    secrets.push(decryptSecret(row.previous_secret));
  }
  return runTest(db, workspaceId, webhook, input, { secrets, shownSecret: null }, webhookId);
}

/**
 * Sends a test of the editor's unsaved form: validated with the webhook schema, sent as it would be
 * saved, and not logged (there is no webhook to log it under). A form of a saved webhook signs with that
 * webhook's secrets; a new one with a one-time secret, answered so the receiver can check it.
 */
export async function sendUnsavedTest(
  db: Database,
  workspaceId: string,
  savedId: string | null,
  values: unknown,
  input: unknown,
): Promise<TestSendResult> {
  const parsed = webhookSchema.safeParse(creationInput(values));
  if (!parsed.success) return { ok: false, error: "validation_failed", issues: toFieldIssues(parsed.error) };
  let signing: Signing;
  if (savedId === null) {
    const secret = generateSigningSecret();
    signing = { secrets: [secret], shownSecret: secret };
  } else {
    const [row] = isUuid(savedId)
      ? await db
          .select({ secret: webhooks.secret })
          .from(webhooks)
          .where(and(eq(webhooks.workspace_id, workspaceId), eq(webhooks.id, savedId)))
      : [];
    if (!row) return { ok: false, error: "not_found" };
    signing = { secrets: [decryptSecret(row.secret)], shownSecret: null };
  }
  return runTest(db, workspaceId, parsed.data, input, signing, null);
}

/** The workspace's last real events of an element and trigger, newest first: what a test may replay. */
export async function recentTestEvents(
  db: Database,
  workspaceId: string,
  element: string,
  trigger: string,
): Promise<TestEventChoice[]> {
  const rows = await db
    .select({ id: events.id, received_at: events.received_at, prokey: events.prokey })
    .from(events)
    .where(
      and(
        eq(events.workspace_id, workspaceId),
        eq(events.trigger_element, element),
        eq(events.trigger, trigger),
        sql`${events.is_test} = false`,
      ),
    )
    .orderBy(desc(events.received_at), desc(events.id))
    .limit(TEST_EVENT_CHOICES);
  return rows.map((row) => ({ ...row, received_at: row.received_at.toISOString() }));
}

async function runTest(
  db: Database,
  workspaceId: string,
  webhook: WebhookValues,
  input: unknown,
  signing: Signing,
  logUnder: string | null,
): Promise<TestSendResult> {
  const parsed = testSendSchema.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, error: "validation_failed", issues: toFieldIssues(parsed.error) };
  const source = await sourceOf(db, workspaceId, webhook, parsed.data.event_id ?? null);
  if ("error" in source) return source;
  let target = webhook;
  if (parsed.data.inbox_id) {
    const inbox = await getInbox(db, workspaceId, parsed.data.inbox_id);
    if (!inbox) return refusedField("inbox_id", "testInboxId");
    target = { ...webhook, payload_url: `${ownOrigin()}${inbox.path}` };
  }

  const id = randomUUID();
  const now = new Date();
  const custom = logSecretsOf(target);
  const built = buildRequest(target, source.data);
  let request: StoredRequest;
  let result: SendResult;
  if (built.ok) {
    request = built.request;
    const signature = signatureHeaders({
      id,
      timestamp: now,
      body: signedContent(request),
      secrets: signing.secrets,
    });
    const sent = { ...request, headers: [...request.headers, ...Object.entries(signature)] };
    result = await sendToTarget(sent, { ...dispatchConfig(), responseBodyLimit: TEST_BODY_LIMIT }, db, {
      workspaceId,
    });
    request = sent;
  } else {
    request = { method: target.method, url: target.payload_url, headers: [], body: null };
    result = {
      ok: false,
      body: "",
      bodyTruncated: false,
      durationMs: 0,
      errorKind: "invalid",
      errorMessage: built.error,
    };
  }
  const log = attemptLog(id, 1, now, request, custom, result);
  if (logUnder)
    await logTest(
      db,
      workspaceId,
      logUnder,
      webhook,
      source,
      id,
      now,
      built.ok ? built.request : null,
      result,
      log,
    );

  return {
    ok: true,
    outcome: {
      delivery_id: logUnder ? id : null,
      event_id: source.eventId,
      request: log.request,
      ok: result.ok,
      status: result.status ?? null,
      duration_ms: result.durationMs,
      response_headers: log.response_headers ? Object.entries(log.response_headers) : [],
      response_body: result.body,
      response_body_truncated: result.bodyTruncated,
      error_kind: result.errorKind ?? null,
      error_message: result.errorMessage ?? null,
      signing_secret: signing.shownSecret,
    },
  };
}

function refusedField(path: string, key: "testEventId" | "testInboxId"): Refused {
  return { ok: false, error: "validation_failed", issues: [{ path, message: issueMessage(key) }] };
}

// The data to render: a real event of the workspace with the webhook's element and trigger, or the sample.
async function sourceOf(
  db: Database,
  workspaceId: string,
  webhook: WebhookValues,
  eventId: string | null,
): Promise<Source | Refused> {
  if (eventId === null) {
    const element = getElement(webhook.trigger_element);
    if (!element) return refusedField("event_id", "testEventId");
    return { data: sampleFor(element, webhook.trigger), eventId: null };
  }
  const [event] = await db
    .select({ data: events.data })
    .from(events)
    .where(
      and(
        eq(events.id, eventId),
        eq(events.workspace_id, workspaceId),
        eq(events.trigger_element, webhook.trigger_element),
        eq(events.trigger, webhook.trigger),
        sql`${events.is_test} = false`,
      ),
    );
  return event ? { data: event.data, eventId } : refusedField("event_id", "testEventId");
}

// The test as a finished delivery with its one attempt, in one transaction. Sample data gets an event row
// of its own, marked as a test, so the log reads as for any delivery and the picker never offers it.
async function logTest(
  db: Database,
  workspaceId: string,
  webhookId: string,
  webhook: WebhookValues,
  source: Source,
  id: string,
  now: Date,
  rendered: StoredRequest | null,
  result: SendResult,
  log: ReturnType<typeof attemptLog>,
) {
  await db.transaction(async (tx) => {
    let eventId = source.eventId;
    if (eventId === null) {
      const [event] = await tx
        .insert(events)
        .values({
          workspace_id: workspaceId,
          trigger_element: webhook.trigger_element,
          trigger: webhook.trigger,
          data: source.data,
          is_test: true,
        })
        .returning({ id: events.id });
      if (!event) throw new Error("insert returned no event");
      eventId = event.id;
    }
    await tx.insert(deliveries).values({
      id,
      event_id: eventId,
      webhook_id: webhookId,
      workspace_id: workspaceId,
      status: result.ok ? "succeeded" : "failed",
      attempts: 1,
      next_attempt_at: now,
      request: rendered ? encryptRequestHeaders(rendered, encryptionKey()) : null,
      last_response_status: result.status ?? null,
      last_error: result.ok ? null : describeFailure(result),
      created_at: now,
      completed_at: new Date(),
      is_test: true,
    });
    await tx.insert(deliveryAttempts).values(log);
  });
}
