import { readFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { DEFAULT_WORKSPACE_ID, deliveries, deliveryAttempts, events, webhooks } from "@/db/schema";
import { runRetention } from "@/lib/retention/run";
import { databaseBackends } from "../helpers/database-backends";
import { insertWebhook, useDatabase } from "../helpers/rows";

// Retention on both databases: what is past the cut-off goes, the rest stays as it was, and no single
// statement (so no lock, each being its own transaction) lasts 100 ms while thousands of rows go. Statements
// are measured in CPU time, which a loaded machine does not stretch (tests/helpers/cpu-time.ts): PGlite's
// in this process, PostgreSQL's in its backends' (from /proc, the server runs on this machine). On
// PostgreSQL another connection meanwhile writes, again and again, to rows retention deletes: its writes go
// through while retention runs, so no lock outlives a statement. Its `lock_timeout` is wall time, which a
// loaded machine stretches (CI once saw one 25-event delete wait over 100 ms for the CPU), so it only
// catches a lock held for seconds; the count of writes between retention's statements is the real check.

const cpuClock = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const TICK_MS = 1000 / 100; // USER_HZ: /proc's CPU times are in clock ticks of 10 ms.

// The CPU milliseconds the database's server processes have spent, summed.
async function backendClock(db: Database, database: string): Promise<() => number> {
  const rows = (await db.execute(
    sql`select pid from pg_stat_activity where datname = ${database}`,
  )) as unknown as { pid: number }[];
  const pids = rows.map((row) => row.pid);
  return () =>
    pids.reduce((sum, pid) => {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
        return sum + (Number(fields[11]) + Number(fields[12])) * TICK_MS;
      } catch {
        return sum;
      }
    }, 0);
}

const OLD_EVENTS = 1_000;
// Seeding thousands of rows on PGlite, on a shared two-core machine.
const SLOW_MS = 120_000;
const RECENT_EVENTS = 200;
const FAN_OUT = 3;

describe.each(databaseBackends())("retention on $name", ({ name, open }) => {
  const { db, second } = useDatabase(open);
  let webhookId: string;

  async function statementClock(): Promise<() => number> {
    if (name !== "PostgreSQL") return cpuClock;
    const [current] = (await db().execute(sql`select current_database() as name`)) as unknown as {
      name: string;
    }[];
    return backendClock(db(), current?.name ?? "");
  }

  beforeEach(async () => {
    await db().delete(webhooks);
    await db().delete(events);
    webhookId = (await insertWebhook(db())).id;
  });

  // Events `ageDays` old, each with FAN_OUT finished deliveries of two attempts with bodies.
  async function seed(count: number, ageDays: number, status = "succeeded") {
    await db().execute(sql`
      with e as (
        insert into ${events} (workspace_id, trigger_element, "trigger", data, received_at)
        select ${DEFAULT_WORKSPACE_ID}::uuid, 'rsvp_answer', 'create', json_build_object('id', n),
          now() - make_interval(days => ${ageDays}::int) + n * interval '1 millisecond'
        from generate_series(1, ${count}) n
        returning id, received_at
      ), d as (
        insert into ${deliveries} (event_id, webhook_id, workspace_id, status, attempts, created_at, completed_at)
        select e.id, ${webhookId}::uuid, ${DEFAULT_WORKSPACE_ID}::uuid, ${status}, 2, e.received_at, e.received_at
        from e, generate_series(1, ${FAN_OUT})
        returning id, created_at
      )
      insert into ${deliveryAttempts} (delivery_id, attempt, started_at, duration_ms, request, response_status, response_body)
      select d.id, a, d.created_at, 12,
        jsonb_build_object('method', 'POST', 'url', 'https://crm.example.com/hooks', 'headers', '[]'::jsonb, 'body', '{"element_data":{}}'),
        200, 'ok'
      from d, generate_series(1, 2) a
    `);
  }

  const countOf = async (table: typeof events | typeof deliveries | typeof deliveryAttempts) => {
    const [row] = await db()
      .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(table);
    return row?.n ?? 0;
  };

  it(
    "deletes events, deliveries and attempts past the cut-off in short statements, and keeps the rest",
    async () => {
      await seed(OLD_EVENTS, 40);
      await seed(RECENT_EVENTS, 2);
      // An old event replayed yesterday, and an old one still pending: both stay, with their deliveries.
      const [replayed, waiting] = await db()
        .insert(events)
        .values([
          {
            workspace_id: DEFAULT_WORKSPACE_ID,
            trigger_element: "rsvp_answer",
            trigger: "create",
            data: {},
            received_at: new Date(Date.now() - 40 * 86_400_000),
          },
          {
            workspace_id: DEFAULT_WORKSPACE_ID,
            trigger_element: "rsvp_answer",
            trigger: "create",
            data: {},
            received_at: new Date(Date.now() - 40 * 86_400_000),
          },
        ])
        .returning({ id: events.id });
      if (!replayed || !waiting) throw new Error("no events");
      await db()
        .insert(deliveries)
        .values([
          {
            event_id: replayed.id,
            webhook_id: webhookId,
            workspace_id: DEFAULT_WORKSPACE_ID,
            status: "succeeded",
            is_replay: true,
            created_at: new Date(Date.now() - 86_400_000),
          },
          {
            event_id: waiting.id,
            webhook_id: webhookId,
            workspace_id: DEFAULT_WORKSPACE_ID,
            status: "pending",
            created_at: new Date(Date.now() - 40 * 86_400_000),
          },
        ]);

      const postgres = name === "PostgreSQL";
      const other = postgres ? await second() : null;
      const clock = await statementClock();
      const oldEvents = await db()
        .select({ id: events.id })
        .from(events)
        .where(sql`${events.received_at} < now() - interval '30 days'`)
        .limit(OLD_EVENTS);
      let writing = true;
      let writes = 0;
      const writer = (async () => {
        for (let index = 0; other && writing; index = (index + 37) % oldEvents.length) {
          const old = oldEvents[index]?.id ?? replayed.id;
          await other.db.transaction(async (tx) => {
            await tx.execute(sql`set local lock_timeout = '3s'`);
            await tx.update(deliveries).set({ last_error: "touched" }).where(eq(deliveries.event_id, old));
            await tx.update(deliveries).set({ last_error: null }).where(eq(deliveries.event_id, replayed.id));
          });
          writes += 1;
        }
      })();
      const report = await runRetention(
        db(),
        { days: 30, bodyDays: 30, budgetMs: Number.POSITIVE_INFINITY },
        clock,
      );
      const writesMeanwhile = writes;
      writing = false;
      await writer;

      expect(report).toMatchObject({
        events: OLD_EVENTS,
        deliveries: OLD_EVENTS * FAN_OUT,
        attempts: OLD_EVENTS * FAN_OUT * 2,
      });
      console.log(
        `[retention ${name}] longest statement ${report.longestStatementMs.toFixed(1)} ms CPU; ${writesMeanwhile} concurrent writes`,
      );
      expect(report.longestStatementMs).toBeLessThan(100);
      // About 160 statements ran: a lock held across them would have let one write through, or none.
      if (postgres) expect(writesMeanwhile).toBeGreaterThan(10);
      const kept = await db()
        .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
        .from(events)
        .where(sql`${events.received_at} < now() - interval '30 days'`);
      expect(kept[0]?.n).toBe(2);
      expect(await countOf(deliveries)).toBe(RECENT_EVENTS * FAN_OUT + 2);
      expect(await countOf(deliveryAttempts)).toBe(RECENT_EVENTS * FAN_OUT * 2);
      const [body] = await db()
        .select({ body: deliveryAttempts.response_body })
        .from(deliveryAttempts)
        .limit(1);
      expect(body?.body).toBe("ok");
    },
    SLOW_MS,
  );

  it("empties attempts' bodies past RETENTION_BODY_DAYS and keeps their rows", async () => {
    await seed(300, 10);
    await seed(100, 1);
    const report = await runRetention(
      db(),
      { days: 30, bodyDays: 7, budgetMs: Number.POSITIVE_INFINITY },
      await statementClock(),
    );
    expect(report).toMatchObject({ events: 0, bodies: 300 * FAN_OUT * 2 });
    expect(report.longestStatementMs).toBeLessThan(100);
    const rows = await db()
      .select({
        old: sql<boolean>`${deliveryAttempts.started_at} < now() - interval '7 days'`,
        body: deliveryAttempts.response_body,
        request: sql<string | null>`${deliveryAttempts.request}->>'body'`,
        method: sql<string>`${deliveryAttempts.request}->>'method'`,
      })
      .from(deliveryAttempts);
    expect(rows).toHaveLength(400 * FAN_OUT * 2);
    for (const row of rows) {
      expect(row.method).toBe("POST");
      if (row.old) expect([row.body, row.request]).toEqual([null, null]);
      else expect([row.body, row.request]).toEqual(["ok", '{"element_data":{}}']);
    }
  });

  it("stops a round once its time is up, and the next round goes on", async () => {
    await seed(60, 40);
    const first = await runRetention(db(), { days: 30, bodyDays: 30, budgetMs: 0 });
    expect(first.events).toBe(25);
    const rest = await runRetention(db(), { days: 30, bodyDays: 30, budgetMs: Number.POSITIVE_INFINITY });
    expect(rest.events).toBe(35);
    expect(await countOf(events)).toBe(0);
  });

  it("keeps everything with 0 days", async () => {
    await seed(50, 400);
    const report = await runRetention(db(), { days: 0, bodyDays: 0 });
    expect(report).toMatchObject({ events: 0, deliveries: 0, attempts: 0, bodies: 0 });
    expect(await countOf(events)).toBe(50);
    expect(await countOf(deliveryAttempts)).toBe(50 * FAN_OUT * 2);
  });
});
