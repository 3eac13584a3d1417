// `npm start`: builds when the sources are newer than the last build, then serves the app (server.mjs).
import { buildIfNeeded } from "./build-if-needed.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const port = process.env.PORT || "3000";
// As Next's own standalone server: HOSTNAME picks the interface (127.0.0.1: this machine only); unset, all.
const hostname = process.env.HOSTNAME || "";

const status = buildIfNeeded();
if (status !== 0) process.exit(status);

const shown = !hostname || hostname === "0.0.0.0" || hostname === "::" ? "localhost" : hostname;
const origin = `http://${shown.includes(":") ? `[${shown}]` : shown}:${port}`;
console.log(`[hooksmith] starting on ${origin}/ (webhooks: ${origin}/en/webhooks)`);
await import("./server.mjs");
