import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Database } from "@/db";
import { claimDueDeliveries } from "./claim";
import type { DispatchConfig } from "./config";
import { deliverOnce } from "./deliver";
import { onWake } from "./wake";

export type Worker = { id: string; stop: () => Promise<void> };

/**
 * Claims due deliveries and sends up to `concurrency` at a time until stopped. It sleeps between polls
 * and wakes early when this process queues deliveries. `stop` claims nothing more and waits for the
 * deliveries in flight; rows it had claimed but not started return to the queue when their lease runs out.
 */
export function startWorker(db: Database, config: DispatchConfig): Worker {
  const id = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const inFlight = new Set<Promise<void>>();
  let running = true;
  let wakeUp: (() => void) | null = null;
  let woken = false;
  const unsubscribe = onWake(() => {
    woken = true;
    wakeUp?.();
  });

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

  const loop = async () => {
    while (running) {
      woken = false;
      const free = config.concurrency - inFlight.size;
      let claimed: string[] = [];
      if (free > 0) {
        try {
          claimed = await claimDueDeliveries(db, { workerId: id, limit: free, leaseMs: config.leaseMs });
        } catch (error) {
          console.error("[hooksmith] worker could not claim deliveries:", error);
        }
      }
      for (const deliveryId of claimed) {
        const task = deliverOnce(db, config, deliveryId, id)
          .catch((error) => console.error(`[hooksmith] delivery ${deliveryId} failed to run:`, error))
          .finally(() => {
            inFlight.delete(task);
            wakeUp?.();
          });
        inFlight.add(task);
      }
      // A full batch means more may be due: go again at once; otherwise wait for a wake-up or the next poll.
      if (claimed.length === 0 || claimed.length < free) await sleep(config.pollIntervalMs);
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
      await Promise.allSettled([...inFlight]);
    },
  };
}
