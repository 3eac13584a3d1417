// Playwright's web server: the built app on the given port, with a fresh data folder and, when
// DATABASE_URL is set, a fresh PostgreSQL database; both are removed when Playwright stops it.
import { startApp } from "../helpers/app-process.mjs";
import { e2eEnv } from "./e2e-env.mjs";

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) {
  console.error("usage: node tests/e2e/serve.mjs <port>");
  process.exit(2);
}

const app = await startApp({ port, env: e2eEnv });
console.log(`[e2e] app ready at ${app.baseUrl} (${app.databaseUrl ? "PostgreSQL" : "PGlite"})`);

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  try {
    await app.stop();
  } catch (error) {
    console.error("[e2e] cleanup failed:", error);
    process.exitCode = 1;
  }
  process.exit();
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, shutdown);
