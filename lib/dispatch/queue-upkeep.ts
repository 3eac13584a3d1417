import "server-only";
import { sql } from "drizzle-orm";
import { type Database, rowsOf } from "@/db";

// The claim (claim.ts) walks the pending-only queue index in due order and stops at its limit. Two things
// make that walk slow as deliveries pile up, and PostgreSQL's autovacuum is what normally prevents both;
// this machine's PostgreSQL runs with autovacuum off, and PGlite has none. Measured in bench:soak
// (200 events/s, fan-out 10):
// - Statistics taken while the table was small make the planner read every due row and sort them, and a
//   prepared claim keeps that plan: with 150,000 due a claim took 270 ms (sort spilled to disk) and
//   deliveries fell from ~1,000/s to ~90/s. After one ANALYZE the claim walked the index again.
// - Every delivered row leaves a dead entry at the head of that index (its new version left the
//   pending-only index, the old entry stays until VACUUM), and every claim walks past all of them: with
//   ~430,000 delivered a claim took 70 ms and deliveries fell from ~2,000/s to ~700/s.
// So the workers tend the deliveries table themselves: ANALYZE once changes reach half the table (the
// plan goes wrong only where the statistics say "small"; each delivery changes its row three times, and
// autovacuum's tenth had the soak analyzing every 6 s), VACUUM once its dead rows pass a threshold sized
// for a queue (autovacuum's default waits for a fifth of the table, hundreds of thousands of rows here).
// Where autovacuum runs, it usually comes first and this finds nothing to do; SKIP_LOCKED leaves a table
// that another worker or autovacuum is tending to them.

/** Rows changed since the last analyze that make the statistics stale: this many, plus half the table. */
const STALE_AFTER_CHANGES = 1_000;
const STALE_SHARE = 0.5;
/** Dead rows that call for a vacuum: this many, plus a tenth of the live rows. */
const VACUUM_AFTER_DEAD = 50_000;
const VACUUM_SHARE = 0.1;

export type QueueCounts = {
  /** Rows inserted, updated or deleted since the last analyze. */
  changed: number;
  /** Rows at the last analyze (-1: never analyzed). */
  analyzed: number;
  dead: number;
  live: number;
};

/** What the deliveries table needs now; pure, for the maintenance loop and tests. */
export function queueUpkeep(counts: QueueCounts): { vacuum: boolean; analyze: boolean } {
  return {
    vacuum: counts.dead >= VACUUM_AFTER_DEAD + VACUUM_SHARE * Math.max(0, counts.live),
    analyze: counts.changed >= STALE_AFTER_CHANGES + STALE_SHARE * Math.max(0, counts.analyzed),
  };
}

/** Vacuums and analyzes the deliveries table as `queueUpkeep` says; returns what it did. */
export async function tendQueue(db: Database): Promise<{ vacuum: boolean; analyze: boolean }> {
  const [row] = rowsOf<Record<keyof QueueCounts, number | string>>(
    await db.execute(sql`
      select pg_stat_get_mod_since_analyze(c.oid) as changed, c.reltuples as analyzed,
        pg_stat_get_dead_tuples(c.oid) as dead, pg_stat_get_live_tuples(c.oid) as live
      from pg_class c where c.oid = 'deliveries'::regclass`),
  );
  if (!row) return { vacuum: false, analyze: false };
  const due = queueUpkeep({
    changed: Number(row.changed),
    analyzed: Number(row.analyzed),
    dead: Number(row.dead),
    live: Number(row.live),
  });
  // VACUUM cannot run inside a transaction: each is a statement of its own.
  if (due.vacuum)
    await db.execute(sql.raw(`vacuum (skip_locked${due.analyze ? ", analyze" : ""}) deliveries`));
  else if (due.analyze) await db.execute(sql`analyze (skip_locked) deliveries`);
  return due;
}
