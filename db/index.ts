import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { lockDataDir } from "./data-dir-lock";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Connection = { db: Database; kind: "pglite" | "postgres"; close: () => Promise<void> };

export type ConnectOptions =
  // `fastCommits`: commits do not wait for the WAL to reach the disk (synchronous_commit = off). Only for
  // the delivery workers' writes, which a crash of the database server may undo without losing anything
  // accepted: see scripts/worker.ts.
  | { databaseUrl: string; fastCommits?: boolean }
  // `dataDir: null` keeps the embedded database in memory (tests).
  | { dataDir: string | null };

const migrationsFolder = path.join(process.cwd(), "db", "migrations");
// Any constant works; it only has to be the same for every Hooksmith process sharing one server.
const MIGRATION_LOCK_ID = 727_001;

export async function connectDatabase(options: ConnectOptions): Promise<Connection> {
  if ("databaseUrl" in options) return connectPostgres(options.databaseUrl, options.fastCommits ?? false);
  return connectPglite(options.dataDir);
}

async function connectPostgres(databaseUrl: string, fastCommits: boolean): Promise<Connection> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");

  // Several app and worker processes may start at once: the advisory lock lets one migrate at a time.
  const migrationClient = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await migrationClient`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    await migrate(drizzle(migrationClient), { migrationsFolder });
    await migrationClient`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
  } finally {
    await migrationClient.end();
  }

  const client = postgres(databaseUrl, {
    max: 10,
    onnotice: () => {},
    connection: fastCommits ? { synchronous_commit: "off" } : {},
  });
  const db = drizzle(client, { schema }) as unknown as Database;
  return { db, kind: "postgres", close: () => client.end() };
}

async function connectPglite(dataDir: string | null): Promise<Connection> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");

  let releaseLock = async () => {};
  if (dataDir) {
    await mkdir(dataDir, { recursive: true });
    releaseLock = await lockDataDir(dataDir);
  }
  try {
    const client = dataDir ? new PGlite(path.join(dataDir, "pglite")) : new PGlite();
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder });
    return {
      db: db as unknown as Database,
      kind: "pglite",
      close: async () => {
        await client.close();
        await releaseLock();
      },
    };
  } catch (error) {
    await releaseLock();
    throw error;
  }
}

export { DataDirLockedError, dataDirInUse } from "./data-dir-lock";

/** The rows of `db.execute`: postgres.js answers with the rows, PGlite with `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
