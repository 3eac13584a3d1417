import { sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { rowsOf } from "@/db";
import { DEFAULT_WORKSPACE_ID, deliveries, events } from "@/db/schema";
import { queueUpkeep, tendQueue } from "@/lib/dispatch/queue-upkeep";
import { databaseBackends } from "../helpers/database-backends";
import { insertEvent, insertWebhook, useDatabase } from "../helpers/rows";

// The workers tend the deliveries table (lib/dispatch/queue-upkeep.ts) where autovacuum does not (this
// machine's PostgreSQL has it off; PGlite has none): on statistics taken while the table was small the
// planner sorts every due row to claim a few, and dead entries of delivered rows pile up at the head of the
// due index, where every claim walks past them. On both databases: analyzed and vacuumed once due, not
// before, and the claim's walk is then an index walk that reads a few pages.

const BACKLOG = 20_000;
const DELIVERED = 60_000;
const SLOW_MS = 120_000;

describe("when the deliveries table needs upkeep", () => {
  // [rows changed since the last analyze, rows at it (-1: never analyzed), analyze?]
  it.each([
    [999, 0, false],
    [1_000, 0, true],
    [50_999, 100_000, false],
    [51_000, 100_000, true],
    [1_000, -1, true],
  ])(
    "after %i changes to %i rows, analyze: %s (half the table and at least 1,000)",
    (changed, analyzed, due) => {
      expect(queueUpkeep({ changed, analyzed, dead: 0, live: 0 }).analyze).toBe(due);
    },
  );

  // [dead rows, live rows, vacuum?]
  it.each([
    [49_999, 0, false],
    [50_000, 0, true],
    [149_999, 1_000_000, false],
    [150_000, 1_000_000, true],
  ])(
    "with %i dead rows beside %i live ones, vacuum: %s (50,000 and a tenth of the live)",
    (dead, live, due) => {
      expect(queueUpkeep({ changed: 0, analyzed: 0, dead, live }).vacuum).toBe(due);
    },
  );
});

describe.each(databaseBackends())("the queue's upkeep on $name", ({ open }) => {
  const { db } = useDatabase(open);

  // The claim's walk over due rows (claim.ts), explained: its node types and the pages it read (with a
  // limit of 1, nearly all of them index pages on the way to the first due row).
  const dueWalk = async (limit = 100) => {
    const [row] = rowsOf<{ "QUERY PLAN": unknown }>(
      await db().execute(sql`explain (analyze, buffers, format json) select id from ${deliveries}
        where status = 'pending' and next_attempt_at <= now()
          and (lease_expires_at is null or lease_expires_at < now())
        order by next_attempt_at limit ${limit} for update skip locked`),
    );
    const raw = row?.["QUERY PLAN"];
    const plan = (typeof raw === "string" ? JSON.parse(raw) : raw)[0].Plan;
    const nodes: string[] = [];
    const walk = (node: { "Node Type": string; Plans?: unknown[] }) => {
      nodes.push(node["Node Type"]);
      for (const child of node.Plans ?? []) walk(child as typeof node);
    };
    walk(plan);
    return { nodes, pages: Number(plan["Shared Hit Blocks"]) + Number(plan["Shared Read Blocks"]) };
  };

  // A backend reports its changes to the statistics within about a second.
  const untilTended = (what: "analyze" | "vacuum") =>
    vi.waitFor(async () => expect((await tendQueue(db()))[what]).toBe(true), {
      timeout: 15_000,
      interval: 200,
    });

  it(
    "analyzes a backlog that came in, and the claim then walks the due index",
    async () => {
      // Statistics of an empty queue, as a new installation has them.
      await db().execute(sql`analyze ${deliveries}`);
      expect(await tendQueue(db())).toEqual({ vacuum: false, analyze: false });
      const webhook = await insertWebhook(db());
      const eventId = await insertEvent(db());
      await db().execute(sql`
        insert into ${deliveries} (event_id, webhook_id, workspace_id, next_attempt_at)
        select ${eventId}::uuid, ${webhook.id}::uuid, ${DEFAULT_WORKSPACE_ID}::uuid,
          now() - interval '1 hour' + n * interval '1 millisecond'
        from generate_series(1, ${BACKLOG}) n`);
      // Planned on the empty table's statistics, the claim would read all 20,000 due rows and sort them.
      expect((await dueWalk()).nodes).toContain("Sort");

      await untilTended("analyze");
      expect((await dueWalk()).nodes).not.toContain("Sort");
      expect(await tendQueue(db())).toEqual({ vacuum: false, analyze: false });
    },
    SLOW_MS,
  );

  it(
    "vacuums the dead entries of delivered rows away from the head of the due index",
    async () => {
      await db().delete(events);
      const webhook = await insertWebhook(db());
      const eventId = await insertEvent(db());
      await db().execute(sql`
        insert into ${deliveries} (event_id, webhook_id, workspace_id, next_attempt_at)
        select ${eventId}::uuid, ${webhook.id}::uuid, ${DEFAULT_WORKSPACE_ID}::uuid,
          now() - interval '1 hour' + n * interval '1 millisecond'
        from generate_series(1, ${DELIVERED + 100}) n`);
      // The oldest ones delivered, as the workers leave them: out of the pending-only index.
      await db().execute(sql`
        update ${deliveries} set status = 'succeeded', completed_at = now()
        where id in (select id from ${deliveries} order by next_attempt_at limit ${DELIVERED})`);
      // Fresh statistics (the upkeep would vacuum at once here): the walk is an index walk, but a long one.
      await db().execute(sql`analyze ${deliveries}`);
      // The first walk marks the dead entries it meets as dead, so later walks skip their rows; but they
      // still read every index page that holds them.
      await dueWalk(1);
      const before = await dueWalk(1);
      expect(before.nodes).not.toContain("Sort");

      await untilTended("vacuum");
      const after = await dueWalk(1);
      expect(after.nodes).not.toContain("Sort");
      // The 100 still due, found without walking past 60,000 dead entries.
      expect(after.pages).toBeLessThan(before.pages / 5);
      expect(await tendQueue(db())).toEqual({ vacuum: false, analyze: false });
    },
    SLOW_MS,
  );
});
