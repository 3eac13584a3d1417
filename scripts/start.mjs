// `npm start`: builds when the sources are newer than the last build, then serves the app.
import { spawn } from "node:child_process";
import path from "node:path";
import { buildIfNeeded } from "./build-if-needed.mjs";

const root = path.resolve(import.meta.dirname, "..");
const next = path.join(root, "node_modules", ".bin", "next");
const port = process.env.PORT || "3000";
// As Next's own standalone server: HOSTNAME picks the interface (127.0.0.1: this machine only); unset, all.
const hostname = process.env.HOSTNAME || "";
process.env.NEXT_TELEMETRY_DISABLED = "1";

const status = buildIfNeeded();
if (status !== 0) process.exit(status);

const shown = !hostname || hostname === "0.0.0.0" || hostname === "::" ? "localhost" : hostname;
const origin = `http://${shown.includes(":") ? `[${shown}]` : shown}:${port}`;
console.log(`[hooksmith] starting on ${origin}/ (webhooks: ${origin}/en/webhooks)`);
// The app handles SIGTERM itself (lib/dispatch/in-app-worker.ts): deliveries in flight finish first.
// Idle connections stay open 65 s, longer than clients keep theirs (Node's agent 5 s, undici 4 s, load
// balancers 60 s): with Node's default 5 s both ends closed at once, and a request sent on the closing
// connection failed with ECONNRESET.
const keepAlive = ["--keepAliveTimeout", "65000"];
const server = spawn(next, ["start", "-p", port, ...keepAlive, ...(hostname ? ["-H", hostname] : [])], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NEXT_MANUAL_SIG_HANDLE: "true" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
