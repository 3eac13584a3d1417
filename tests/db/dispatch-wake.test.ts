import { sql } from "drizzle-orm";
import type { Sql } from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onWake, shareWakes, WAKE_CHANNEL, wakeWorkers } from "@/lib/dispatch/wake";
import { databaseBackends, type OpenDatabase } from "../helpers/database-backends";

// Resolves with the next call of the returned listener.
function nextCall() {
  let resolve: () => void = () => {};
  const called = new Promise<void>((done) => {
    resolve = done;
  });
  return { called, listener: () => resolve() };
}

describe.each(databaseBackends())("wake-ups on $name", ({ name, open }) => {
  let database: OpenDatabase;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    database = await open();
    stop = await shareWakes(database.connection, { listen: true });
  });

  afterAll(async () => {
    await stop();
    await database.cleanup();
  });

  it("wakes this process's workers at once", async () => {
    const { called, listener } = nextCall();
    const unsubscribe = onWake(listener);
    wakeWorkers();
    await called;
    unsubscribe();
  });

  it.runIf(name === "PostgreSQL")(
    "wakes the workers when another process on the database notifies, and notifies the others itself",
    async () => {
      // Another process's NOTIFY (the second connection stands in for it) wakes the workers here.
      const { called, listener } = nextCall();
      const unsubscribe = onWake(listener);
      const other = await database.second();
      await other.db.execute(sql`select pg_notify(${WAKE_CHANNEL}, 'another-process')`);
      await called;
      unsubscribe();

      // And a wake-up here reaches a process listening on the channel, after the caller's commit.
      const received = new Promise<string>((resolve) => {
        const client = (other.db as unknown as { $client: Sql }).$client;
        void client.listen(WAKE_CHANNEL, resolve).then(() => wakeWorkers());
      });
      expect(await received).toMatch(/^[0-9a-f]{16}$/);
    },
  );
});
