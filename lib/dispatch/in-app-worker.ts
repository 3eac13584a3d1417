import "server-only";
import type { Connection } from "@/db";
import { env } from "@/lib/env";
import { dispatchConfig } from "./config";
import { startWorker } from "./worker";
import { startWorkerProcess } from "./worker-process";

const globalForWorker = globalThis as unknown as { hooksmithAppDelivery?: true };

/**
 * Delivers from the app (once, however often instrumentation runs): on PostgreSQL through a worker child
 * process (worker-process.ts), which also runs the maintenance loop (retention, recoveries); on the embedded
 * database, which serves one process, inside this one (instrumentation.ts starts the maintenance beside it).
 * `next start` exits at once on SIGTERM, dropping deliveries in flight to their lease; when it leaves
 * the signals to us (NEXT_MANUAL_SIG_HANDLE, set by the app's server, scripts/server.mjs), the worker finishes what it is sending,
 * hands back what it only claimed, and the database is closed (releasing the embedded data folder) first.
 */
export function startInAppWorker(connection: Connection): void {
  if (globalForWorker.hooksmithAppDelivery) return;
  globalForWorker.hooksmithAppDelivery = true;
  const config = dispatchConfig();
  const { stop } = connection.kind === "postgres" ? startWorkerProcess() : startWorker(connection.db, config);
  if (env().NEXT_MANUAL_SIG_HANDLE) {
    let stopping = false;
    const shutdown = async (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      console.log(`[hooksmith] ${signal}: finishing deliveries in flight, then exiting`);
      // A stuck send cannot hold the process: past its timeout the lease hands it to the next worker.
      const deadline = new Promise((resolve) => setTimeout(resolve, config.timeoutMs + 5_000).unref());
      await Promise.race([stop(), deadline]);
      await connection.close().catch(() => {});
      process.exit(0);
    };
    process.once("SIGTERM", () => void shutdown("SIGTERM"));
    process.once("SIGINT", () => void shutdown("SIGINT"));
  }
}
