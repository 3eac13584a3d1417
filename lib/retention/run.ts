import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/db";
import { deliveries, deliveryAttempts, events } from "@/db/schema";
import { env } from "@/lib/env";

// Retention: events older than RETENTION_DAYS go with their deliveries and attempts, and attempts' bodies
// older than RETENTION_BODY_DAYS are emptied. Everything in small batches, one short statement each, each
// its own transaction: row locks only, on rows nobody else is working on, never held for long. An event is
// kept while one of its deliveries is pending or newer than the cut-off (a recent replay of an old event).

export const DEFAULT_RETENTION_DAYS = 30;
/** Events per batch: their deliveries and attempts go in the same batch, so it stays small. */
const EVENT_BATCH = 25;
const BODY_BATCH = 250;
// A round stops after this long; the next one (a minute later) goes on, so a first run over months of rows
// never keeps the workers' other chores (bulk recoveries) waiting for long.
const ROUND_BUDGET_MS = 5_000;

/** `budgetMs`: how long one round may go on (ROUND_BUDGET_MS by default); the rest waits for the next. */
export type RetentionSettings = { days: number; bodyDays: number; budgetMs?: number };

export type RetentionReport = {
  events: number;
  deliveries: number;
  attempts: number;
  bodies: number;
  /** The longest single statement, in milliseconds (each statement is its own transaction). */
  longestStatementMs: number;
};

export function retentionSettings(): RetentionSettings {
  const { RETENTION_DAYS, RETENTION_BODY_DAYS } = env();
  const days = RETENTION_DAYS ?? DEFAULT_RETENTION_DAYS;
  return { days, bodyDays: RETENTION_BODY_DAYS ?? days };
}

const cutoff = (days: number) => sql`now() - make_interval(days => ${days}::int)`;

type Affected = { count?: number; affectedRows?: number } | unknown[];

function affected(result: unknown): number {
  const value = result as Affected;
  if (Array.isArray(value)) return (value as { count?: number } & unknown[]).count ?? value.length;
  return value.affectedRows ?? value.count ?? 0;
}

/** Deletes and empties what is past its time, batch after batch until nothing is left; 0 days keeps all. */
export async function runRetention(
  db: Database,
  settings: RetentionSettings = retentionSettings(),
  // What a statement's length is measured in: wall-clock milliseconds, or (tests on a loaded machine) CPU.
  clock: () => number = () => performance.now(),
): Promise<RetentionReport> {
  const deadline = performance.now() + (settings.budgetMs ?? ROUND_BUDGET_MS);
  const report: RetentionReport = { events: 0, deliveries: 0, attempts: 0, bodies: 0, longestStatementMs: 0 };
  const timed = async <T>(statement: () => Promise<T>): Promise<T> => {
    const started = clock();
    try {
      return await statement();
    } finally {
      report.longestStatementMs = Math.max(report.longestStatementMs, clock() - started);
    }
  };

  if (settings.days > 0) {
    const before = cutoff(settings.days);
    for (;;) {
      const old = await timed(() =>
        db
          .select({ id: events.id })
          .from(events)
          .where(
            sql`${events.received_at} < ${before} and not exists (select 1 from ${deliveries} d
              where d.event_id = ${events.id} and (d.status = 'pending' or d.created_at >= ${before}))`,
          )
          .orderBy(events.received_at)
          .limit(EVENT_BATCH),
      );
      if (old.length === 0) break;
      const ids = sql`(select value::uuid from jsonb_array_elements_text(${JSON.stringify(old.map((row) => row.id))}::jsonb))`;
      report.attempts += affected(
        await timed(() =>
          db.execute(sql`delete from ${deliveryAttempts} where delivery_id in
            (select d.id from ${deliveries} d where d.event_id in ${ids})`),
        ),
      );
      report.deliveries += affected(
        await timed(() => db.execute(sql`delete from ${deliveries} where event_id in ${ids}`)),
      );
      report.events += affected(await timed(() => db.execute(sql`delete from ${events} where id in ${ids}`)));
      if (old.length < EVENT_BATCH || performance.now() > deadline) break;
    }
  }

  if (settings.bodyDays > 0) {
    const before = cutoff(settings.bodyDays);
    for (;;) {
      // The partial index delivery_attempts_bodies_idx holds only attempts that still have a body.
      const emptied = affected(
        await timed(() =>
          db.execute(sql`update ${deliveryAttempts} set response_body = null,
              request = jsonb_set(request, '{body}', 'null'::jsonb)
            where id in (select a.id from ${deliveryAttempts} a
              where a.started_at < ${before} and (a.response_body is not null or (a.request->>'body') is not null)
              order by a.started_at limit ${BODY_BATCH})`),
        ),
      );
      report.bodies += emptied;
      if (emptied < BODY_BATCH || performance.now() > deadline) break;
    }
  }
  return report;
}
