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
  it("analyzes after changes to half the table (and at least 1,000 rows)", () => {
    const fresh = { dead: 0, live: 0 };
    expect(queueUpkeep({ ...fresh, changed: 999, analyzed: 0 }).analyze).toBe(false);
    expect(queueUpkeep({ ...fresh, changed: 1_000, analyzed: 0 }).analyze).toBe(true);
    expect(queueUpkeep({ ...fresh, changed: 50_999, analyzed: 100_000 }).analyze).toBe(false);
    expect(queueUpkeep({ ...fresh, changed: 51_000, analyzed: 100_000 }).analyze).toBe(true);
    // Never analyzed: PostgreSQL says -1 rows.
    expect(queueUpkeep({ ...fresh, changed: 1_000, analyzed: -1 }).analyze).toBe(true);
  });

  it("vacuums once 50,000 rows and a tenth of the live ones are dead", () => {
    const analyzed = { changed: 0, analyzed: 0 };
    expect(queueUpkeep({ ...analyzed, dead: 49_999, live: 0 }).vacuum).toBe(false);
    expect(queueUpkeep({ ...analyzed, dead: 50_000, live: 0 }).vacuum).toBe(true);
    expect(queueUpkeep({ ...analyzed, dead: 149_999, live: 1_000_000 }).vacuum).toBe(false);
    expect(queueUpkeep({ ...analyzed, dead: 150_000, live: 1_000_000 }).vacuum).toBe(true);
  });
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
