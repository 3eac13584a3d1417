import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, connectDatabase, type Database, rowsOf } from "@/db";
import { emitAlerts } from "@/lib/dispatch/alerts";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database.mjs";

// A delivery worker's connection commits without waiting for the WAL flush (scripts/worker.ts): a crash of
// the database server may undo its last leases and outcomes, which only sends a delivery again. Alerts are
// accepted events, and an accepted event is never lost: their transaction commits durably on that same
// connection. PostgreSQL only (PGlite serves one process and keeps its own setting).

const postgresUrl = process.env.DATABASE_URL;

describe.skipIf(!postgresUrl)("commits on PostgreSQL", () => {
  let database: TestDatabase;
  let worker: Connection;
  let app: Connection;
  beforeAll(async () => {
    database = await createTestDatabase(postgresUrl as string);
    worker = await connectDatabase({ databaseUrl: database.url, fastCommits: true });
    app = await connectDatabase({ databaseUrl: database.url });
  });
  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await database?.drop();
  });

  const setting = async (db: Database) =>
    rowsOf<{ value: string }>(await db.execute(sql`select current_setting('synchronous_commit') as value`))[0]
      ?.value;

  it("are durable for the app and fast for a worker", async () => {
    expect(await setting(app.db)).toBe("on");
    expect(await setting(worker.db)).toBe("off");
  });

  it("are durable for a worker's transaction that accepts alerts, and only for it", async () => {
    const inAlerts = await worker.db.transaction(async (tx) => {
      await emitAlerts(tx, [
        {
          webhookId: randomUUID(),
          trigger: "webhook.failing",
          detail: { at: new Date(), lastResponseStatus: 500, lastError: null },
        },
      ]);
      return setting(tx);
    });
    expect(inAlerts).toBe("on");
    expect(await setting(worker.db)).toBe("off");
  });
});
