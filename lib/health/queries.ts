import "server-only";
import { sql } from "drizzle-orm";
import { type Database, rowsOf } from "@/db";
import { retentionSettings } from "@/lib/retention/run";
import {
  type BucketCount,
  failureReason,
  fillBuckets,
  type HealthRange,
  healthState,
  RANGE_SHAPE,
  type ReasonCount,
  rangeStart,
  type WebhookHealth,
  type WebhookHealthDetail,
  type WorkspaceOverview,
} from "./series";

// Health figures, read straight from the deliveries: aggregates over the index migration 0012 adds (a
// workspace's real deliveries by creation time, carrying webhook, status and attempts), so a list of 100
// webhooks with a million deliveries behind them is one index range of the last 24 hours
// (`npm run bench:list`). Test sends never count. A delivery counts as failed once it has failed for good
// or its last try failed (pending, waiting for a retry, or cancelled when its webhook was switched off):
// otherwise a receiver that answers 500 would show nothing wrong for the ~32 hours of retries.

const REASON_WINDOW = 200;
const SUCCEEDED = sql`count(*) filter (where status = 'succeeded')::int`;
const FAILED = sql`count(*) filter (where status = 'failed' or (status in ('pending', 'cancelled') and attempts > 0))::int`;

// A delivery's bucket, as its start: date_bin is integer arithmetic on the timestamp (extract(epoch …) is
// numeric and cost most of the list's time). The start's index in the range is counted here, not per row.
const bucketOf = (start: Date, stepMs: number) =>
  sql`date_bin(make_interval(secs => ${stepMs / 1000}), created_at, ${start.toISOString()}::timestamptz)`;

type BinRow = { bucket_start: string | Date; succeeded: number; failed: number; total: number };

function indexed<T extends BinRow>(rows: T[], start: Date, stepMs: number): (T & BucketCount)[] {
  return rows.map((row) => ({
    ...row,
    bucket: Math.round((new Date(row.bucket_start).getTime() - start.getTime()) / stepMs),
  }));
}

/** The oldest moment retention keeps deliveries for, or null when it keeps everything. */
function keptSince(now: Date): Date | null {
  const { days } = retentionSettings();
  return days > 0 ? new Date(now.getTime() - days * 24 * 60 * 60 * 1000) : null;
}

type WebhookBucketRow = BinRow & { webhook_id: string };
type StateRow = {
  webhook_id: string;
  active: boolean;
  failing_since: string | Date | null;
  last_response_status: number | null;
  last_error: string | null;
};

/** Every webhook of the workspace: its state and its last 24 hours in hourly buckets. */
export async function listWebhookHealth(
  db: Database,
  workspaceId: string,
  now = new Date(),
  /** Only these webhooks (the list's page); all of the workspace's when absent. */
  webhookIds?: readonly string[],
): Promise<Record<string, WebhookHealth>> {
  if (webhookIds?.length === 0) return {};
  // Drizzle writes an array as a parenthesised list of parameters.
  const onlyDeliveries = webhookIds ? sql`and webhook_id in ${webhookIds}` : sql``;
  const onlyWebhooks = webhookIds ? sql`and w.id in ${webhookIds}` : sql``;
  const start = rangeStart("24h", now);
  const stepMs = RANGE_SHAPE["24h"].stepMs;
  const binned = rowsOf<WebhookBucketRow>(
    await db.execute(sql`
      select webhook_id, ${bucketOf(start, stepMs)} as bucket_start,
        ${SUCCEEDED} as succeeded, ${FAILED} as failed, count(*)::int as total
      from deliveries
      where workspace_id = ${workspaceId} and is_test = false
        and created_at >= ${start.toISOString()}::timestamptz ${onlyDeliveries}
      group by 1, 2`),
  );
  const rows = indexed(binned, start, stepMs);
  // Each webhook's state and, while it fails, why: the newest tried, unsuccessful one among its last
  // REASON_WINDOW deliveries (a bounded index range even behind a backlog of untried ones; none: no reason).
  const states = rowsOf<StateRow>(
    await db.execute(sql`
      select w.id as webhook_id, w.active, w.failing_since, d.last_response_status, d.last_error
      from webhooks w
      left join lateral (
        select last_response_status, last_error from (
          select last_response_status, last_error, attempts, status, created_at from deliveries
          where w.active and w.failing_since is not null and webhook_id = w.id and is_test = false
          order by created_at desc limit ${REASON_WINDOW}
        ) newest
        where attempts > 0 and status <> 'succeeded'
        order by created_at desc limit 1
      ) d on true
      where w.workspace_id = ${workspaceId} ${onlyWebhooks}`),
  );

  const grouped = new Map<string, (WebhookBucketRow & BucketCount)[]>();
  for (const row of rows) grouped.set(row.webhook_id, [...(grouped.get(row.webhook_id) ?? []), row]);
  const health: Record<string, WebhookHealth> = {};
  for (const webhook of states) {
    const buckets = grouped.get(webhook.webhook_id) ?? [];
    const failingSince = webhook.failing_since ? new Date(webhook.failing_since).toISOString() : null;
    health[webhook.webhook_id] = {
      state: healthState({ active: webhook.active, failing_since: failingSince }),
      failingSince,
      deliveries: buckets.reduce((sum, row) => sum + row.total, 0),
      succeeded: buckets.reduce((sum, row) => sum + row.succeeded, 0),
      failed: buckets.reduce((sum, row) => sum + row.failed, 0),
      buckets: fillBuckets("24h", start, buckets),
      reason: failureReason(webhook.last_response_status, webhook.last_error),
    };
  }
  return health;
}

type AttemptStats = { p50: number | null; p95: number | null };
type ReasonCountRow = { response_status: number | null; error_kind: string | null; count: number };

/** One webhook over a range: buckets, response times and its most common failure reasons. */
export async function webhookHealthDetail(
  db: Database,
  workspaceId: string,
  webhookId: string,
  range: HealthRange,
  now = new Date(),
): Promise<WebhookHealthDetail> {
  const start = rangeStart(range, now);
  const from = sql`${start.toISOString()}::timestamptz`;
  const stepMs = RANGE_SHAPE[range].stepMs;
  const binned = rowsOf<BinRow>(
    await db.execute(sql`
      select ${bucketOf(start, stepMs)} as bucket_start,
        ${SUCCEEDED} as succeeded, ${FAILED} as failed, count(*)::int as total
      from deliveries
      where webhook_id = ${webhookId} and workspace_id = ${workspaceId} and is_test = false
        and created_at >= ${from}
      group by 1`),
  );
  const buckets = indexed(binned, start, stepMs);
  // Attempts of the range's deliveries: an attempt belongs to the range when it started in it.
  const attempts = sql`
    from delivery_attempts a join deliveries d on d.id = a.delivery_id
    where d.webhook_id = ${webhookId} and d.workspace_id = ${workspaceId} and d.is_test = false
      and d.created_at >= ${from} and a.started_at >= ${from}`;
  const [times] = rowsOf<AttemptStats>(
    await db.execute(sql`
      select percentile_disc(0.5) within group (order by a.duration_ms) as p50,
        percentile_disc(0.95) within group (order by a.duration_ms) as p95
      ${attempts} and a.response_status is not null`),
  );
  const reasons = rowsOf<ReasonCountRow>(
    await db.execute(sql`
      select a.response_status, a.error_kind, count(*)::int as count
      ${attempts} and (a.error_kind is not null or a.response_status not between 200 and 299)
      group by 1, 2 order by 3 desc, 1, 2 limit 5`),
  );
  const kept = keptSince(now);
  return {
    range,
    from: start.toISOString(),
    keptSince: kept && kept > start ? kept.toISOString() : null,
    buckets: fillBuckets(range, start, buckets),
    deliveries: buckets.reduce((sum, row) => sum + row.total, 0),
    succeeded: buckets.reduce((sum, row) => sum + row.succeeded, 0),
    failed: buckets.reduce((sum, row) => sum + row.failed, 0),
    p50: times?.p50 ?? null,
    p95: times?.p95 ?? null,
    reasons: reasons.map(
      (row): ReasonCount =>
        row.error_kind
          ? { kind: row.error_kind, count: row.count }
          : { status: row.response_status ?? 0, count: row.count },
    ),
  };
}

type WebhookStateRow = {
  id: string;
  name: string;
  active: boolean;
  failing_since: string | Date | null;
  disabled_reason: string | null;
};

/** The workspace's last 24 hours: events, deliveries, and the webhooks that need a look. */
export async function workspaceOverview(
  db: Database,
  workspaceId: string,
  now = new Date(),
): Promise<WorkspaceOverview> {
  const since = new Date(now.getTime() - 24 * 60 * 60 * 1000).toISOString();
  const [events] = rowsOf<{ count: number }>(
    await db.execute(sql`
      select count(*)::int as count from events
      where workspace_id = ${workspaceId} and is_test = false and received_at >= ${since}::timestamptz`),
  );
  const [sums] = rowsOf<{ deliveries: number; succeeded: number; failed: number }>(
    await db.execute(sql`
      select count(*)::int as deliveries, ${SUCCEEDED} as succeeded, ${FAILED} as failed
      from deliveries
      where workspace_id = ${workspaceId} and is_test = false and created_at >= ${since}::timestamptz`),
  );
  const webhooks = rowsOf<WebhookStateRow>(
    await db.execute(sql`
      select id, name, active, failing_since, disabled_reason from webhooks
      where workspace_id = ${workspaceId} order by name, id`),
  );
  const iso = (value: string | Date) => new Date(value).toISOString();
  return {
    events: events?.count ?? 0,
    deliveries: sums?.deliveries ?? 0,
    succeeded: sums?.succeeded ?? 0,
    failed: sums?.failed ?? 0,
    webhooks: webhooks.length,
    failing: webhooks
      .filter((row) => row.active && row.failing_since)
      .map((row) => ({ id: row.id, name: row.name, failing_since: iso(row.failing_since ?? now) })),
    switchedOff: webhooks
      .filter((row) => !row.active)
      .map((row) => ({ id: row.id, name: row.name, disabled_reason: row.disabled_reason })),
  };
}
