import "server-only";
import type { Database } from "@/db";
import { tendQueue } from "@/lib/dispatch/queue-upkeep";
import { runRetention } from "@/lib/retention/run";
import { onRecoveryWake, runRecoveryBatch } from "./recover";

export type Maintenance = { stop: () => Promise<void> };

const RECOVERY_POLL_MS = 1_000;
const RETENTION_EVERY_MS = 60_000;
// A queue taking thousands of rows a second outgrows its statistics, and fills with dead rows, in seconds.
const UPKEEP_EVERY_MS = 5_000;

/**
 * The workers' background chores beside delivering: bulk recoveries, batch after batch until none is left
 * (woken at once by a recovery asked for in this process, else polled each second), the queue's upkeep
 * (lib/dispatch/queue-upkeep.ts: every 5 s, vacuum and analyze when due), and retention, every minute.
 * Started wherever a delivery worker runs (instrumentation.ts, scripts/worker.ts); one failing round is
 * logged and the next one tries again.
 */
export function startMaintenance(db: Database): Maintenance {
  // Once per process, however often instrumentation runs.
  globalForMaintenance.hooksmithMaintenance ??= startLoop(db);
  return globalForMaintenance.hooksmithMaintenance;
}

const globalForMaintenance = globalThis as unknown as { hooksmithMaintenance?: Maintenance };

function startLoop(db: Database): Maintenance {
  let running = true;
  let timer: NodeJS.Timeout | null = null;
  let lastRetention = 0;
  let lastUpkeep = 0;
  let round: Promise<void> = Promise.resolve();

  const schedule = (ms: number) => {
    if (!running) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      round = once().finally(() => schedule(RECOVERY_POLL_MS));
    }, ms);
    timer.unref();
  };

  async function once() {
    try {
      while (running && (await runRecoveryBatch(db))) {
        // One batch after another, each its own transaction; deliveries go on meanwhile.
      }
      if (running && Date.now() - lastUpkeep >= UPKEEP_EVERY_MS) {
        lastUpkeep = Date.now();
        await tendQueue(db);
      }
      if (running && Date.now() - lastRetention >= RETENTION_EVERY_MS) {
        lastRetention = Date.now();
        await runRetention(db);
      }
    } catch (error) {
      console.error("[hooksmith] maintenance round failed:", error);
    }
  }

  const unsubscribe = onRecoveryWake(() => {
    if (timer) schedule(0);
  });
  schedule(0);
  return {
    async stop() {
      running = false;
      unsubscribe();
      if (timer) clearTimeout(timer);
      await round;
    },
  };
}
