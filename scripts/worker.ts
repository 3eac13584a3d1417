// `npm run worker`: a delivery worker as its own process. Any number of them can share one PostgreSQL
// (DATABASE_URL) with the app; set WORKER_IN_APP=false on the app to leave delivery to them alone.
import { connectDatabase } from "@/db";
import { prepareStoredSecrets } from "@/lib/crypto/stored-secrets";
import { dispatchConfig } from "@/lib/dispatch/config";
import { shareWakes } from "@/lib/dispatch/wake";
import { startWorker } from "@/lib/dispatch/worker";
import { env } from "@/lib/env";
import { startMaintenance } from "@/lib/recovery/loop";

const { DATABASE_URL, dataDir } = env();
// The worker's commits do not wait for the WAL flush (synchronous_commit = off): on this 2-core machine
// the intake's 200 commits a second kept the disk busy, and the claims and outcome batches queued behind
// them for the flush (soak: the worker's statements waited on WALSync/WALWrite in over half the samples).
// What a crash of the database server can then undo is the last fraction of a second of the worker's
// writes, and each undone one is safe: a lease (the delivery goes out again, under the same webhook-id,
// which receivers drop as a duplicate), an outcome (likewise; the log then lacks that attempt, and has
// the one that follows), a bulk recovery's batch (it runs again from its cursor), retention's deletes. A
// crash of the worker itself loses none of them. What must not be undone, alerts (events: accepted is
// kept), commits durably still (lib/dispatch/alerts.ts). The intake and the app keep durable commits.
const connection = await connectDatabase(
  DATABASE_URL ? { databaseUrl: DATABASE_URL, fastCommits: true } : { dataDir },
);
// A worker whose encryption key cannot read the stored secrets stops here, before it claims anything.
await prepareStoredSecrets(connection.db);
// Woken at once when an app process on the same PostgreSQL accepts an event; polling stays the fallback.
await shareWakes(connection, { listen: true });
const worker = startWorker(connection.db, dispatchConfig());
const maintenance = startMaintenance(connection.db);
console.log(
  `[hooksmith] worker ${worker.id} delivering from ${connection.kind === "pglite" ? dataDir : "PostgreSQL"}`,
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`[hooksmith] worker ${worker.id}: ${signal}, finishing deliveries in flight`);
  await Promise.all([worker.stop(), maintenance.stop()]);
  await connection.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
// Started by the app (lib/dispatch/worker-process.ts): when the app is gone, so is the channel to it.
if (process.send) process.on("disconnect", () => void shutdown("the app ended"));
