// `npm run intake`: the host platform's event routes (POST /api/internal/events, …/{element}/{trigger}) in
// a process of their own on INTAKE_PORT, without the framework around them (lib/api/intake-listener.ts).
// For PostgreSQL deployments that take many events: any number of intake, app and worker processes share
// one database; the workers hear of each event at once (LISTEN/NOTIFY). The app still serves the same routes.
import { createServer } from "node:http";
import { intakeListener } from "@/lib/api/intake-listener";
import { getInternalToken } from "@/lib/api/token";
import { getConnection } from "@/lib/db";
import { shareWakes } from "@/lib/dispatch/wake";
import { env } from "@/lib/env";
import { listenForKeyChanges } from "@/lib/keys/key-cache";

const { DATABASE_URL, INTAKE_PORT, HOSTNAME } = env();
if (!DATABASE_URL) {
  // The embedded database serves one process: the app's, which takes events itself.
  console.error(
    "[hooksmith] the intake process needs PostgreSQL (DATABASE_URL); on the embedded database the app takes events itself",
  );
  process.exit(1);
}
const connection = await getConnection();
await getInternalToken();
// Keys are cached in this process too, and the database says when one changes (a revoked key stops at once).
const stopKeys = await listenForKeyChanges(connection);
// Every accepted event wakes the workers of the other processes (they LISTEN); this one has none.
const stopWakes = await shareWakes(connection, { listen: false });

const server = createServer(intakeListener());
server.keepAliveTimeout = 65_000;
server.listen(INTAKE_PORT, HOSTNAME || undefined, () => {
  console.log(`[hooksmith] intake taking events on port ${INTAKE_PORT}`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`[hooksmith] intake: ${signal}, answering the requests in flight`);
  // Requests in flight are answered (their events committed or refused); idle connections close now.
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
  await Promise.all([stopKeys(), stopWakes()]);
  await connection.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
