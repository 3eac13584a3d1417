import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Database } from "@/db";
import { attemptDelivery, type DeliveryOutcome } from "./attempt";
import { type ClaimedDelivery, claimDueDeliveries, deferWebhookDeliveries, releaseDeliveries } from "./claim";
import type { DispatchConfig } from "./config";
import { recordOutcomes } from "./record";
import { onWake } from "./wake";

export type Worker = { id: string; stop: () => Promise<void> };

// While deliveries are under way, events just accepted are claimed together, at most one claim per this
// many milliseconds: on the embedded database (one connection for everything) a claim per event left the
// intake waiting behind the worker under steady load. At 2,000 deliveries/s that is ~20 rows a claim, and
// a delivery waits at most this long for the claim that takes it (20 ms measured the same CPU per delivery
// and a p99 5-15 ms higher: bench:dispatch's latency phase, gaps of 5, 10 and 20 ms alternated).
const CLAIM_GAP_MS = 10;
// Outcomes arriving within this long of each other are written in one statement.
const OUTCOME_GROUP_MS = 20;

/**
 * Sends up to `concurrency` deliveries at a time until stopped. Claims run ahead of the sending, so a free
 * slot finds the next delivery waiting instead of a round trip to the database, and outcomes are written
 * in batches behind it (see `outcomeWriter`). It sleeps between polls and wakes early when this process
 * queues deliveries. `stop` claims nothing more, hands back what it claimed but had not started, and waits
 * until the deliveries in flight are sent and recorded.
 *
 * One webhook never has more than `webhookConcurrency` deliveries in flight here (nor more than half the
 * claimed places), so a receiver that hangs cannot take the slots of everyone else; and one that timed out
 * backs off (see `timeouts`), its due deliveries parked in the table, holding no slot meanwhile.
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
  // Per webhook: deliveries in flight, and deliveries held (in flight or waiting in `ready`).
  const inFlight = new Map<string, number>();
  const held = new Map<string, number>();
  const count = (map: Map<string, number>, id: string, by: number) => {
    const next = (map.get(id) ?? 0) + by;
    if (next > 0) map.set(id, next);
    else map.delete(id);
  };
  const timeouts = timeoutBackoff(config);
  // Claims are sized by what a round trip costs, not by the sending slots: up to `claimBatch` deliveries
  // wait claimed beside the ones being sent, and the next claim goes out once half a batch has gone to
  // sending, so a free slot finds its delivery waiting rather than a round trip under way.
  const capacity = config.claimBatch + config.concurrency;
  const refill = Math.max(1, Math.ceil(config.claimBatch / 2));
  // A webhook may fill half a batch's places (its sending slots stay capped): enough for big claims when
  // one webhook has a backlog, and with one that hangs holding all of them (and its slots) there is still
  // room for a refill, so everyone else's deliveries keep being claimed.
  const perWebhookHeld = Math.max(4 * config.webhookConcurrency, Math.floor(config.claimBatch / 2));

  const finish = (claimed: ClaimedDelivery, outcome: DeliveryOutcome) => {
    const webhookId = claimed.webhook.id;
    if (!outcome.log) return;
    const backoffMs = timeouts.record(webhookId, outcome.log.error_kind);
    if (backoffMs === null) return;
    // It timed out: what this worker holds of it and has not started goes back, due after the backoff.
    const parked = takeReady((entry) => entry.claimed.webhook.id === webhookId);
    deferWebhookDeliveries(db, id, webhookId, backoffMs, parked).catch((error) =>
      console.error(`[hooksmith] could not defer webhook ${webhookId}'s deliveries:`, error),
    );
  };

  const takeReady = (which: (entry: (typeof ready)[number]) => boolean): string[] => {
    const taken: string[] = [];
    for (let index = ready.length - 1; index >= 0; index -= 1) {
      const entry = ready[index] as (typeof ready)[number];
      if (!which(entry)) continue;
      ready.splice(index, 1);
      count(held, entry.claimed.webhook.id, -1);
      taken.push(entry.claimed.delivery.id);
    }
    return taken;
  };

  const start = () => {
    for (let index = 0; sending.size < config.concurrency && index < ready.length; ) {
      const { claimed, at } = ready[index] as (typeof ready)[number];
      const webhookId = claimed.webhook.id;
      // One that waited through half its lease goes back rather than risk a second worker sending it too.
      if (Date.now() - at > config.leaseMs / 2) {
        ready.splice(index, 1);
        count(held, webhookId, -1);
        stale.push(claimed.delivery.id);
        continue;
      }
      // Its webhook has all the slots it may have: the next one in line may go instead.
      if ((inFlight.get(webhookId) ?? 0) >= config.webhookConcurrency) {
        index += 1;
        continue;
      }
      ready.splice(index, 1);
      count(inFlight, webhookId, 1);
      const task = attemptDelivery(claimed, config, db)
        .then((outcome) => {
          writer.write(outcome);
          finish(claimed, outcome);
        })
        .catch((error) => console.error(`[hooksmith] delivery ${claimed.delivery.id} failed to run:`, error))
        .finally(() => {
          sending.delete(task);
          count(inFlight, webhookId, -1);
          count(held, webhookId, -1);
          // Straight to the next one: the loop may be busy with a claim.
          if (running) start();
          wake();
        });
      sending.add(task);
    }
  };
  // How many more deliveries of each webhook this worker may claim: none for one backing off.
  const rooms = () => {
    const room = new Map<string, number>();
    for (const [webhookId, holding] of held) room.set(webhookId, Math.max(0, perWebhookHeld - holding));
    for (const webhookId of timeouts.backingOff()) room.set(webhookId, 0);
    return room;
  };
  const release = async (ids: string[]) => {
    await releaseDeliveries(db, id, ids).catch((error) =>
      console.error("[hooksmith] worker could not hand back claimed deliveries:", error),
    );
  };

  // When idle, any single due delivery is claimed at once.
  let full = true;
  let lastClaim = 0;
  const loop = async () => {
    while (running) {
      woken = false;
      start();
      if (stale.length > 0) await release(stale.splice(0));
      const room = capacity - sending.size - ready.length;
      const idle = sending.size === 0 && ready.length === 0;
      // Claim when something is likely due: deliveries just queued here, a last claim that came back
      // full, or a poll interval gone by. Outcomes not yet written hold back claims: the database sets the pace.
      const sincePoll = Date.now() - lastClaim;
      const due = queued || full || sincePoll >= config.pollIntervalMs;
      const paced = idle || full || sincePoll >= CLAIM_GAP_MS;
      const claiming = due && paced && (room >= refill || idle) && writer.backlog() < capacity;
      if (claiming) {
        queued = false;
        lastClaim = Date.now();
        try {
          const { claimed, more } = await claimDueDeliveries(db, {
            workerId: id,
            limit: room,
            leaseMs: config.leaseMs,
            perWebhook: perWebhookHeld,
            rooms: rooms(),
          });
          // More is due, and this claim was worth its round trip: go again at once.
          full = more && claimed.length >= Math.min(room, refill);
          for (const row of claimed) {
            ready.push({ claimed: row, at: lastClaim });
            count(held, row.webhook.id, 1);
          }
          if (running) start();
        } catch (error) {
          full = false;
          console.error("[hooksmith] worker could not claim deliveries:", error);
        }
        if (full) continue;
      }
      // Wait for a finished delivery, a wake-up from this process or the next poll.
      const sinceClaim = Date.now() - lastClaim;
      await sleep(
        due && !paced
          ? CLAIM_GAP_MS - sinceClaim
          : claiming || !due
            ? config.pollIntervalMs - sinceClaim
            : config.pollIntervalMs,
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
      await release([...stale.splice(0), ...takeReady(() => true)]);
      while (sending.size > 0) await Promise.allSettled([...sending]);
      await writer.flushed();
    },
  };
}

/**
 * Timeouts in a row per webhook, and until when each backs off. A receiver that hangs costs a slot for the
 * whole timeout on every try; from the second timeout in a row (one alone is a slow moment, and its retry
 * keeps the schedule) its webhook waits `timeoutBackoffMs`, doubling with each further one up to the max.
 * Any answer, even an error, ends the run.
 */
function timeoutBackoff(config: Pick<DispatchConfig, "timeoutBackoffMs" | "timeoutBackoffMaxMs">) {
  const runs = new Map<string, { timeouts: number; until: number }>();
  return {
    /** Notes an attempt's result; returns the backoff to apply when it timed out, else null. */
    record(webhookId: string, errorKind: string | null): number | null {
      if (errorKind !== "timeout") {
        runs.delete(webhookId);
        return null;
      }
      const timeouts = (runs.get(webhookId)?.timeouts ?? 0) + 1;
      if (timeouts < 2) {
        runs.set(webhookId, { timeouts, until: 0 });
        return null;
      }
      const ms = Math.min(config.timeoutBackoffMs * 2 ** (timeouts - 2), config.timeoutBackoffMaxMs);
      runs.set(webhookId, { timeouts, until: Date.now() + ms });
      return ms;
    },
    /** Webhooks whose backoff has not run out. */
    *backingOff(): Iterable<string> {
      const now = Date.now();
      for (const [webhookId, run] of runs) {
        if (run.until > now) yield webhookId;
        // Not tried again for long (deleted, or switched off): forget it.
        else if (now - run.until > config.timeoutBackoffMaxMs) runs.delete(webhookId);
      }
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
      // Let the outcomes of deliveries finishing together join this batch.
      if (queue.length < config.concurrency) {
        await new Promise((resolve) => setTimeout(resolve, OUTCOME_GROUP_MS));
      }
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
