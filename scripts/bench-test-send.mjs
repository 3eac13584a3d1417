// Test send round trip on loopback: POST /api/v1/webhook/{id}/test answered with the outcome, to a loopback
// receiver (with ALLOW_PRIVATE_TARGETS) and to one of the app's own request inboxes (through its own
// listener). Prints the median and 90th percentile wall time per test and the app's CPU time per test,
// with the load average. Within the limit of 30 tests a minute: 12 of each kind. Needs `npm run build`.
//   node scripts/bench-test-send.mjs          (embedded database; DATABASE_URL for PostgreSQL)
import http from "node:http";
import { createAppStorage, startApp } from "../tests/helpers/app-process.mjs";
import { cpuOf, loadAverage, percentile } from "./bench-common.mjs";

const API_TOKEN = "bench-test-send-api-token-0123";
const ROUNDS = 12;

const receiver = http.createServer((request, response) => {
  request.resume();
  request.on("end", () => response.end('{"ok":true}'));
});
await new Promise((resolve) => receiver.listen(0, "127.0.0.1", resolve));
const receiverUrl = `http://127.0.0.1:${receiver.address().port}`;

const storage = await createAppStorage();
const app = await startApp({ storage, env: { API_TOKEN, ALLOW_PRIVATE_TARGETS: "true" } });
const call = async (method, path, body) => {
  const response = await fetch(`${app.baseUrl}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${API_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return response.json();
};
const webhook = (payload_url) =>
  call("POST", "/webhook", {
    name: "Bench",
    method: "POST",
    payload_url,
    trigger_element: "rsvp_answer",
    trigger: "create",
    content_type: "application/json",
  });

try {
  const inbox = await call("POST", "/inbox", { name: "Bench" });
  const targets = {
    "loopback receiver": await webhook(`${receiverUrl}/hook`),
    "own request inbox": await webhook(`http://localhost:${app.port}${inbox.path}`),
  };
  // One of each first: connections, prepared statements and code paths warm.
  for (const target of Object.values(targets)) await call("POST", `/webhook/${target.id}/test`, {});
  for (const [name, target] of Object.entries(targets)) {
    const times = [];
    const load = loadAverage();
    const before = cpuOf([app.pid], { tree: true });
    for (let round = 0; round < ROUNDS - 1; round += 1) {
      const started = performance.now();
      const outcome = await call("POST", `/webhook/${target.id}/test`, {});
      times.push(performance.now() - started);
      if (!outcome.ok) throw new Error(`${name}: ${JSON.stringify(outcome)}`);
    }
    const after = cpuOf([app.pid], { tree: true });
    const cpuUs = [...after].reduce((sum, [pid, us]) => sum + us - (before.get(pid) ?? 0), 0);
    times.sort((a, b) => a - b);
    console.log(
      `${name}: median ${percentile(times, 0.5).toFixed(1)} ms, p90 ${percentile(times, 0.9).toFixed(1)} ms, ` +
        `app CPU ${(cpuUs / 1000 / times.length).toFixed(1)} ms per test (${times.length} tests, ` +
        `load ${load.join(" ")}, ${storage.databaseUrl ? "PostgreSQL" : "PGlite"})`,
    );
  }
} finally {
  await app.stop();
  await storage.remove?.();
  receiver.close();
}
