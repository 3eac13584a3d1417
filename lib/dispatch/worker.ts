import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Database } from "@/db";
import { type ClaimedDelivery, claimDueDeliveries, releaseDeliveries } from "./claim";
import type { DispatchConfig } from "./config";
import { attemptDelivery, type DeliveryOutcome, recordOutcomes } from "./deliver";
import { onWake } from "./wake";

export type Worker = { id: string; stop: () => Promise<void> };

/**
 * Sends up to `concurrency` deliveries at a time until stopped. Claims run ahead of the sending, so a free
 * slot finds the next delivery waiting instead of a round trip to the database, and outcomes are written
 * in batches behind it (see `outcomeWriter`). It sleeps between polls and wakes early when this process
 * queues deliveries. `stop` claims nothing more, hands back what it claimed but had not started, and waits
 * until the deliveries in flight are sent and recorded.
 */
export function startWorker(db: Database, config: DispatchConfig): Worker {
  const id = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const sending = new Set<Promise<void>>();
  let running = true;
  let wakeUp: (() => void) | null = null;
  let woken = false;
  // Set when this process queued deliveries: worth a claim at once, whatever the poll interval says.
  let queued = true;
  const wake = () => {
    woken = true;
    wakeUp?.();
  };
  const unsubscribe = onWake(() => {
    queued = true;
    wake();
  });
  const writer = outcomeWriter(db, config, id, wake);

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      }
      wakeUp = done;
    });

  // Claimed deliveries wait here for a free slot, each with the time its lease began.
  const ready: { claimed: ClaimedDelivery; at: number }[] = [];
  const stale: string[] = [];

  const start = () => {
    while (sending.size < config.concurrency && ready.length > 0) {
      const { claimed, at } = ready.shift() as (typeof ready)[number];
      // One that waited through half its lease goes back rather than risk a second worker sending it too.
      if (Date.now() - at > config.leaseMs / 2) {
        stale.push(claimed.delivery.id);
        continue;
      }
      const task = attemptDelivery(claimed, config)
        .then(writer.write)
        .catch((error) => console.error(`[hooksmith] delivery ${claimed.delivery.id} failed to run:`, error))
        .finally(() => {
          sending.delete(task);
          // Straight to the next one: the loop may be busy with a claim.
          if (running) start();
          wake();
        });
      sending.add(task);
    }
  };
  const release = async (ids: string[]) => {
    await releaseDeliveries(db, id, ids).catch((error) =>
      console.error("[hooksmith] worker could not hand back claimed deliveries:", error),
    );
  };

  // Up to four times `concurrency` deliveries wait claimed beside the ones being sent, and claims go for
  // twice `concurrency` at least: a claim costs the database about the same for one row as for forty.
  // When idle, any single due delivery is claimed at once.
  const held = 5 * config.concurrency;
  const batch = 2 * config.concurrency;
  let full = true;
  let lastClaim = 0;
  const loop = async () => {
    while (running) {
      woken = false;
      start();
      if (stale.length > 0) await release(stale.splice(0));
      const room = held - sending.size - ready.length;
      const idle = sending.size === 0 && ready.length === 0;
      // Claim when something is likely due: deliveries just queued here, a last claim that came back
      // full, or a poll interval gone by. Outcomes not yet written hold back claims: the database sets the pace.
      const sincePoll = Date.now() - lastClaim;
      const due = queued || full || sincePoll >= config.pollIntervalMs;
      const claiming = due && (room >= batch || idle) && writer.backlog() < held;
      if (claiming) {
        queued = false;
        lastClaim = Date.now();
        try {
          const rows = await claimDueDeliveries(db, { workerId: id, limit: room, leaseMs: config.leaseMs });
          full = rows.length === room;
          for (const row of rows) ready.push({ claimed: row, at: lastClaim });
          if (running) start();
        } catch (error) {
          full = false;
          console.error("[hooksmith] worker could not claim deliveries:", error);
        }
        if (full) continue;
      }
      // Wait for a finished delivery, a wake-up from this process or the next poll.
      await sleep(
        claiming || !due ? config.pollIntervalMs - (Date.now() - lastClaim) : config.pollIntervalMs,
      );
    }
  };
  const looping = loop();
  return {
    id,
    async stop() {
      running = false;
      unsubscribe();
      wakeUp?.();
      await looping;
      await release([...stale.splice(0), ...ready.splice(0).map((entry) => entry.claimed.delivery.id)]);
      while (sending.size > 0) await Promise.allSettled([...sending]);
      await writer.flushed();
    },
  };
}

/**
 * Group commit for outcomes: while one batch is being written, the next ones queue up and go together in
 * the next write, so the database commits once per batch rather than once per delivery. An outcome that
 * fails to be written is logged; its delivery stays leased and goes out again once the lease runs out.
 */
function outcomeWriter(db: Database, config: DispatchConfig, workerId: string, onWritten: () => void) {
  let queue: DeliveryOutcome[] = [];
  let inWrite = 0;
  let draining: Promise<void> | null = null;

  const writeBatch = async (outcomes: DeliveryOutcome[]) => {
    try {
      await recordOutcomes(db, config, workerId, outcomes);
    } catch (error) {
      if (outcomes.length === 1) {
        console.error(`[hooksmith] could not record delivery ${outcomes[0]?.deliveryId}:`, error);
        return;
      }
      // One bad outcome (a delivery deleted meanwhile, say) must not cost the others theirs.
      for (const outcome of outcomes) await writeBatch([outcome]);
    }
  };

  const drain = async () => {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      inWrite = batch.length;
      await writeBatch(batch);
      inWrite = 0;
      onWritten();
    }
    draining = null;
  };

  return {
    write(outcome: DeliveryOutcome) {
      queue.push(outcome);
      draining ??= drain();
    },
    /** Outcomes waiting for or in a write. */
    backlog: () => queue.length + inWrite,
    /** Resolves once every outcome handed over so far is written. */
    async flushed() {
      while (draining) await draining;
    },
  };
}
