import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { deliveries, deliveryAttempts, events, type StoredRequest } from "@/db/schema";
import { isUuid } from "@/lib/ids";
import { type Keyset, keysetPage, newestFirst, olderThan } from "@/lib/keyset";
import { dispatchConfig } from "./config";
import type { DeliveryFilter, DeliverySummary } from "./rows";

export const DELIVERY_PAGE_SIZE = 50;
// What the log shows of a request body; response bodies are stored with the same cap (see config).
export const LOG_BODY_LIMIT = 16 * 1024;

const DAY_MS = 24 * 60 * 60 * 1000;

export type { DeliverySummary };

export type DeliveryPage = {
  deliveries: DeliverySummary[];
  /** The cursor for the next, older page (the last row's id), or null when there is none. */
  older: string | null;
};

export type LoggedBody = { text: string; bytes: number; truncated: boolean };

export type AttemptView = {
  id: string;
  attempt: number;
  started_at: string;
  duration_ms: number;
  request: { method: string; url: string; headers: [string, string][]; body: LoggedBody | null };
  response_status: number | null;
  response_headers: [string, string][];
  response_body: LoggedBody | null;
  error_kind: string | null;
  error_message: string | null;
};

const deliveryKeys: Keyset = { table: deliveries, at: deliveries.created_at, id: deliveries.id };

/** One page of a webhook's deliveries, newest first (lib/keyset.ts). The cursor is a delivery id. */
export async function listDeliveries(
  db: Database,
  workspaceId: string,
  webhookId: string,
  options: { before?: string | null; limit?: number; filter?: DeliveryFilter } = {},
): Promise<DeliveryPage> {
  if (!isUuid(webhookId)) return { deliveries: [], older: null };
  const { rows, older } = await keysetPage(options.limit ?? DELIVERY_PAGE_SIZE, (take) =>
    db
      .select({
        id: deliveries.id,
        event_id: deliveries.event_id,
        trigger_element: events.trigger_element,
        trigger: events.trigger,
        event_time: events.received_at,
        status: deliveries.status,
        attempts: deliveries.attempts,
        next_attempt_at: deliveries.next_attempt_at,
        last_response_status: deliveries.last_response_status,
        last_error: deliveries.last_error,
        is_test: deliveries.is_test,
      })
      .from(deliveries)
      .innerJoin(events, eq(events.id, deliveries.event_id))
      .where(
        and(
          eq(deliveries.workspace_id, workspaceId),
          eq(deliveries.webhook_id, webhookId),
          olderThan(deliveryKeys, options.before, { column: deliveries.webhook_id, value: webhookId }),
          options.filter === "tests" || options.filter === "real"
            ? eq(deliveries.is_test, options.filter === "tests")
            : undefined,
        ),
      )
      .orderBy(...newestFirst(deliveryKeys))
      .limit(take),
  );
  return {
    deliveries: rows.map((row) => ({
      ...row,
      event_time: row.event_time.toISOString(),
      next_attempt_at: row.status === "pending" ? row.next_attempt_at.toISOString() : null,
    })),
    older,
  };
}

/** Every attempt of one delivery of this webhook, oldest first; null when there is no such delivery. */
export async function listDeliveryAttempts(
  db: Database,
  workspaceId: string,
  webhookId: string,
  deliveryId: string,
): Promise<AttemptView[] | null> {
  if (!isUuid(webhookId) || !isUuid(deliveryId)) return null;
  const [delivery] = await db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.workspace_id, workspaceId),
        eq(deliveries.id, deliveryId),
        eq(deliveries.webhook_id, webhookId),
      ),
    );
  if (!delivery) return null;
  const rows = await db
    .select()
    .from(deliveryAttempts)
    .where(eq(deliveryAttempts.delivery_id, deliveryId))
    .orderBy(asc(deliveryAttempts.attempt), asc(deliveryAttempts.started_at));
  return rows.map((row) => ({
    id: row.id,
    attempt: row.attempt,
    started_at: row.started_at.toISOString(),
    duration_ms: row.duration_ms,
    request: {
      method: row.request.method,
      url: row.request.url,
      headers: row.request.headers,
      body: loggedBody(row.request.body),
    },
    response_status: row.response_status,
    response_headers: Object.entries(row.response_headers ?? {}),
    response_body: loggedBody(row.response_body),
    error_kind: row.error_kind,
    error_message: row.error_message,
  }));
}

// A request body can be as large as the event (1 MiB): the log page shows its beginning only.
function loggedBody(text: string | null): LoggedBody | null {
  if (text === null) return null;
  const bytes = Buffer.byteLength(text);
  if (bytes <= LOG_BODY_LIMIT) return { text, bytes, truncated: false };
  // Cut on a byte boundary, then drop a character the cut may have split.
  const cut = Buffer.from(text)
    .subarray(0, LOG_BODY_LIMIT)
    .toString("utf8")
    .replace(/\uFFFD$/, "");
  return { text: cut, bytes, truncated: true };
}

/** After how many days of failed deliveries a webhook is switched off, for the reason shown in the UI. */
export function failingDaysBeforeDisable(): number {
  return Math.max(1, Math.round(dispatchConfig().disableAfterMs / DAY_MS));
}

/**
 * One attempt's request whole (the log page shows the first LOG_BODY_LIMIT bytes of its body), for "Copy
 * as cURL"; null when the workspace's webhook has no such delivery or attempt. Masked as it was logged.
 */
export async function getAttemptRequest(
  db: Database,
  workspaceId: string,
  ids: { webhookId: string; deliveryId: string; attemptId: string },
): Promise<StoredRequest | null> {
  if (!isUuid(ids.webhookId) || !isUuid(ids.deliveryId) || !isUuid(ids.attemptId)) return null;
  const [row] = await db
    .select({ request: deliveryAttempts.request })
    .from(deliveryAttempts)
    .innerJoin(deliveries, eq(deliveries.id, deliveryAttempts.delivery_id))
    .where(
      and(
        eq(deliveryAttempts.id, ids.attemptId),
        eq(deliveries.id, ids.deliveryId),
        eq(deliveries.webhook_id, ids.webhookId),
        eq(deliveries.workspace_id, workspaceId),
      ),
    );
  return row?.request ?? null;
}
