import { randomUUID } from "node:crypto";
import { count, like, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveries } from "@/db/schema";
import { getElement } from "@/lib/elements";
import {
  type AppStorage,
  createAppStorage,
  type RunningApp,
  type RunningWorker,
  startApp,
  startWorker,
} from "../helpers/app-process.mjs";
import { type ReceivedRequest, type Receiver, startReceiver } from "../helpers/receiver";
import {
  type DispatchClient,
  dispatchClient,
  dispatchEnv,
  eventually,
  openStorage,
  pathOf,
  withAppDatabase,
} from "./dispatch-fixture";

// Crashes lose nothing: a worker killed mid-burst leaves its claimed rows to the others once the lease
// runs out, and every accepted event reaches every webhook at least once (webhook-id names duplicates).

// Enough for a backlog at the crash (a third of the way in) without minutes of delivering it afterwards.
const EVENTS = 120;
const FAN_OUT = 2;
// The receiver answers after a moment, so a killed worker always has deliveries in flight, and the
// deliveries take longer than the intake: the crash comes with a backlog.
const RECEIVER_DELAY_MS = 200;
const LEASE_SECONDS = 2;
const BACKLOG_TIMEOUT_MS = 45_000;
const onPostgres = Boolean(process.env.DATABASE_URL);

const answer = getElement("rsvp_answer")?.sample as Record<string, unknown>;

/**
 * Posts `total` events, each with its own data id, over a few parallel connections. Events the app
 * did not accept (it may be down) are not counted. `whenAccepted` runs once, at `at` accepted events.
 */
async function burst(
  client: DispatchClient,
  total: number,
  options: { at?: number; whenAccepted?: () => void } = {},
): Promise<string[]> {
  const accepted: string[] = [];
  let next = 0;
  let fired = false;
  const lane = async () => {
    while (next < total) {
      next += 1;
      const id = randomUUID();
      try {
        const response = await client.postEvent({
          body: { trigger_element: "rsvp_answer", trigger: "create", data: { ...answer, id } },
        });
        if (response.status === 202) accepted.push(id);
      } catch {
        // The app is down (killed on purpose): this event was not accepted.
      }
      if (!fired && options.whenAccepted && accepted.length >= (options.at ?? 0)) {
        fired = true;
        options.whenAccepted();
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, lane));
  return accepted;
}

// Which (webhook path, event data id) pairs arrived, and how many distinct webhook-ids.
function arrivals(requests: ReceivedRequest[]) {
  const pairs = new Set<string>();
  const ids = new Set<string>();
  for (const request of requests) {
    const { element_data } = JSON.parse(request.body.toString("utf8")) as { element_data: { id: string } };
    pairs.add(`${pathOf(request)} ${element_data.id}`);
    ids.add(String(request.headers["webhook-id"]));
  }
  return { pairs, ids };
}

async function expectAllDelivered(receiver: Receiver, accepted: string[], paths: string[]) {
  const expected = accepted.flatMap((id) => paths.map((path) => `${path} ${id}`));
  await eventually(
    async () => {
      const { pairs } = arrivals(receiver.requests);
      return expected.every((pair) => pairs.has(pair));
    },
    `every accepted event delivered to every webhook (${expected.length} expected, ${
      arrivals(receiver.requests).pairs.size
    } arrived)`,
    BACKLOG_TIMEOUT_MS,
  );
  const { pairs, ids } = arrivals(receiver.requests);
  for (const pair of expected) expect(pairs.has(pair), pair).toBe(true);
  // Duplicates share their webhook-id: one id per delivery, however often it was sent.
  expect(ids.size).toBe(pairs.size);
}

async function createFanOut(client: DispatchClient, receiver: Receiver): Promise<string[]> {
  const paths = Array.from({ length: FAN_OUT }, (_, index) => `/crash/${index}`);
  for (const path of paths) {
    await client.createWebhook({
      payload_url: `${receiver.url}${path}`,
      trigger_element: "rsvp_answer",
      trigger: "create",
    });
  }
  return paths;
}

describe.skipIf(!onPostgres)("two worker processes sharing PostgreSQL", () => {
  // 10 slots, each webhook may use every one: the SIGTERM test counts on the worker sending 10 at once to two
  // webhooks.
  const env = dispatchEnv({
    WORKER_IN_APP: "false",
    DISPATCH_LEASE_SECONDS: String(LEASE_SECONDS),
    DISPATCH_CONCURRENCY: "10",
    DISPATCH_WEBHOOK_CONCURRENCY: "10",
  });
  let storage: AppStorage;
  let app: RunningApp;
  let receiver: Receiver;
  let workers: RunningWorker[] = [];
  let client: DispatchClient;
  let paths: string[];

  beforeAll(async () => {
    storage = await createAppStorage();
    receiver = await startReceiver();
    receiver.respondWith({ status: 200, delayMs: RECEIVER_DELAY_MS });
    app = await startApp({ storage, env });
    client = dispatchClient(app.baseUrl);
    paths = await createFanOut(client, receiver);
    workers = await Promise.all([startWorker({ storage, env }), startWorker({ storage, env })]);
  });

  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    await app?.stop();
    await receiver?.close();
    await storage?.remove();
  });

  it("loses nothing when one worker is killed mid-burst", async () => {
    const [victim, survivor] = workers as [RunningWorker, RunningWorker];
    // Killed while it holds deliveries (sending or claimed to send): the others may take those only
    // after the lease. Counted once it is dead.
    const leasedByVictim = () =>
      withAppDatabase(storage.databaseUrl, async (db) => {
        const [row] = await db
          .select({ n: count() })
          .from(deliveries)
          .where(like(deliveries.leased_by, `%:${victim.pid}:%`));
        return row?.n ?? 0;
      });
    let orphaned: Promise<number | null> | undefined;
    const accepted = await burst(client, EVENTS, {
      at: EVENTS / 3,
      whenAccepted: () => {
        orphaned = eventually(leasedByVictim, "the victim holds deliveries", BACKLOG_TIMEOUT_MS)
          .then(() => victim.signal("SIGKILL"))
          .then(() => victim.exited)
          .then(leasedByVictim);
      },
    });
    expect(accepted).toHaveLength(EVENTS);
    expect(await victim.exited).toEqual({ code: null, signal: "SIGKILL" });
    expect(await orphaned).toBeGreaterThan(0);

    await expectAllDelivered(receiver, accepted, paths);
    // Duplicates of deliveries the dead worker had sent may still be on their way: wait for them too.
    await eventually(
      () =>
        withAppDatabase(storage.databaseUrl, async (db) => {
          const [row] = await db
            .select({ n: count() })
            .from(deliveries)
            .where(ne(deliveries.status, "succeeded"));
          return row?.n === 0;
        }),
      "every delivery recorded as succeeded",
    );
    expect(survivor.output()).not.toMatch(/failed to run/);
  });

  it("lets a worker finish its deliveries in flight on SIGTERM and hand back the rest", async () => {
    const survivor = workers[1] as RunningWorker;
    const before = receiver.requests.length;
    receiver.respondWith({ status: 200, delayMs: 1500 });
    // More than the worker sends at once (DISPATCH_CONCURRENCY, 10 here): some wait their turn.
    const ids = await burst(client, 15);
    const total = ids.length * FAN_OUT;
    await receiver.waitForRequests(before + 10, BACKLOG_TIMEOUT_MS);
    const signalledAt = Date.now();
    survivor.signal("SIGTERM");
    expect(await survivor.exited).toEqual({ code: 0, signal: null });
    // It waited for the slow receiver's answers before it exited.
    expect(Date.now() - signalledAt).toBeGreaterThanOrEqual(1000);
    expect(survivor.output()).toContain("SIGTERM, finishing deliveries in flight");
    expect(receiver.requests.length - before).toBe(10);

    // The ones it sent are recorded as delivered; the rest are free for the next worker at once,
    // not held until a lease runs out.
    const rows = await withAppDatabase(storage.databaseUrl, (db) =>
      db
        .select({ status: deliveries.status, leased_by: deliveries.leased_by })
        .from(deliveries)
        .where(ne(deliveries.status, "succeeded")),
    );
    expect(rows).toHaveLength(total - 10);
    expect(rows?.every((row) => row.status === "pending" && row.leased_by === null)).toBe(true);

    receiver.respondWith({ status: 200 });
    workers.push(await startWorker({ storage, env }));
    await receiver.waitForRequests(before + total, BACKLOG_TIMEOUT_MS);
    await expectAllDelivered(receiver, ids, paths);
    // Each sent once: nothing the stopped worker had sent went out again.
    const sent = receiver.requests.slice(before);
    expect(new Set(sent.map((request) => request.headers["webhook-id"])).size).toBe(total);
  });
});

describe.skipIf(onPostgres)("the app on the embedded database", () => {
  // 10 slots: with the default 64 the worker keeps up with the burst, and the crash would leave no backlog.
  const env = dispatchEnv({ DISPATCH_LEASE_SECONDS: String(LEASE_SECONDS), DISPATCH_CONCURRENCY: "10" });
  let storage: AppStorage;
  let app: RunningApp | undefined;
  let receiver: Receiver;

  beforeAll(async () => {
    storage = await createAppStorage();
    receiver = await startReceiver();
    // Slower than the intake, so the crash leaves a backlog behind.
    receiver.respondWith({ status: 200, delayMs: RECEIVER_DELAY_MS });
  });

  afterAll(async () => {
    await app?.stop();
    await receiver?.close();
    await storage?.remove();
  });

  it("finishes the backlog after the app is killed mid-burst and started again", async () => {
    const first = await startApp({ storage, env });
    app = first;
    const client = dispatchClient(first.baseUrl);
    const paths = await createFanOut(client, receiver);
    let killed: Promise<unknown> | undefined;
    const accepted = await burst(client, EVENTS, {
      at: EVENTS / 3,
      whenAccepted: () => {
        killed = first.kill("SIGKILL");
      },
    });
    await killed;
    expect(accepted.length).toBeGreaterThanOrEqual(EVENTS / 3);
    const { pairs } = arrivals(receiver.requests);
    // The crash came before the backlog was through.
    expect(pairs.size).toBeLessThan(accepted.length * FAN_OUT);

    // The dead process's lock on the data folder goes stale after 10 s; the new app waits for it.
    app = await startApp({ storage, env });
    await expectAllDelivered(receiver, accepted, paths);

    // Events the app committed as it died (their 202 never came) and resends of deliveries it had in
    // flight still follow; they are done once the receiver has been quiet for longer than a lease.
    await eventually(
      async () => Date.now() - (receiver.requests.at(-1)?.receivedAt ?? 0) > LEASE_SECONDS * 1000 + 1000,
      "the receiver is quiet",
    );
    await app.stop();
    app = undefined;
    const connection = await openStorage(storage);
    try {
      // None lost: every delivery the database holds reached the receiver at least once.
      const rows = await connection.db.select({ id: deliveries.id }).from(deliveries);
      expect(rows.length).toBeGreaterThanOrEqual(accepted.length * FAN_OUT);
      const { ids } = arrivals(receiver.requests);
      expect(rows.filter((row) => !ids.has(row.id))).toEqual([]);
    } finally {
      await connection.close();
    }
  }, 90_000);
});

describe("the app on SIGTERM", () => {
  let storage: AppStorage;
  let receiver: Receiver;
  let app: RunningApp | undefined;

  beforeAll(async () => {
    storage = await createAppStorage();
    receiver = await startReceiver();
  });

  afterAll(async () => {
    await app?.stop();
    await receiver?.close();
    await storage?.remove();
  });

  it("finishes the deliveries its worker has in flight before it exits", async () => {
    app = await startApp({ storage, env: dispatchEnv() });
    const client = dispatchClient(app.baseUrl);
    await client.createWebhook({
      payload_url: `${receiver.url}/graceful`,
      trigger_element: "rsvp_answer",
      trigger: "create",
    });
    receiver.respondWith({ status: 200, delayMs: 1500 });
    for (let index = 0; index < 3; index += 1) {
      const response = await client.postEvent({
        body: { trigger_element: "rsvp_answer", trigger: "create", data: { ...answer, id: randomUUID() } },
      });
      expect(response.status).toBe(202);
    }
    // All three are at the receiver, which answers only after 1.5 s.
    await receiver.waitForRequests(3, 10_000);
    const signalledAt = Date.now();
    const exit = await app.kill("SIGTERM");
    app = undefined;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalledAt).toBeGreaterThanOrEqual(500);

    const connection = await openStorage(storage);
    try {
      const rows = await connection.db
        .select({ status: deliveries.status, attempts: deliveries.attempts, leased_by: deliveries.leased_by })
        .from(deliveries);
      // Recorded as delivered, once each: nothing is left to go out again after a lease.
      expect(rows).toEqual(
        Array.from({ length: 3 }, () => ({ status: "succeeded", attempts: 1, leased_by: null })),
      );
    } finally {
      await connection.close();
    }
  }, 60_000);
});
