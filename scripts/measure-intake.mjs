// Steady event intake on the embedded database (PGlite), the way the host platform sends: MEASURE_RATE
// events per second (default 100) for MEASURE_SECONDS (default 60), open loop (each request starts on
// schedule, whether or not earlier ones were answered), each event matching MEASURE_FAN_OUT webhooks
// (default 2) that deliver to a local receiver through the app's own worker. A request unanswered after
// MEASURE_TIMEOUT_MS (default 10 s) counts as failed, as do resets and any answer other than 202.
// Prints requests failed, p50/p99/max intake latency, and how many deliveries arrived; the last line is
// one JSON object with the figures. Usage: npm run build && node scripts/measure-intake.mjs
// (DATABASE_URL set: the same against a fresh database of that PostgreSQL server).
import http from "node:http";
import { startApp } from "../tests/helpers/app-process.mjs";

const RATE = Number(process.env.MEASURE_RATE ?? 100);
const SECONDS = Number(process.env.MEASURE_SECONDS ?? 60);
const FAN_OUT = Number(process.env.MEASURE_FAN_OUT ?? 2);
const TIMEOUT_MS = Number(process.env.MEASURE_TIMEOUT_MS ?? 10_000);
const API_TOKEN = "measure-intake-api-token-0123";
const INTERNAL_TOKEN = "measure-intake-internal-token-0123";
const SAMPLE = {
  id: "3f6c2a9e-8b41-4d7a-9c25-1e0b7d4a6f13",
  status: "confirmed",
  email: "lena.hoffmann@example.de",
  amount: 2,
  payload: { first_name: "Lena", last_name: "Hoffmann", privacy_consent: true },
  prokey: "b7e19d42-5c3a-4f8e-a6d1-92c0e4f7a358",
  date_created: "2026-03-02T09:14:27.318Z",
  date_updated: null,
};

let delivered = 0;
const receiver = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    delivered += 1;
    res.end("ok");
  });
});
await new Promise((resolve) => receiver.listen(0, "127.0.0.1", resolve));
const receiverUrl = `http://127.0.0.1:${receiver.address().port}`;

const app = await startApp({
  env: { API_TOKEN, INTERNAL_TOKEN, ALLOW_PRIVATE_TARGETS: "true" },
});
// No queue in the client: every request goes out on schedule, on a connection of its own if need be.
const agent = new http.Agent({ keepAlive: true });

function post(path, token, body) {
  return new Promise((resolve) => {
    const started = performance.now();
    const payload = Buffer.from(JSON.stringify(body));
    const req = http.request(
      `${app.baseUrl}${path}`,
      {
        method: "POST",
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          "content-length": payload.length,
        },
      },
      (res) => {
        const chunks = [];
        res.on("data", (chunk) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode,
            ms: performance.now() - started,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on("error", (error) => resolve({ error: error.code ?? error.message }));
      },
    );
    // A deadline for the whole exchange, as a client's timeout is.
    const timer = setTimeout(
      () => req.destroy(Object.assign(new Error("timeout"), { code: "TIMEOUT" })),
      TIMEOUT_MS,
    );
    req.on("close", () => clearTimeout(timer));
    req.on("error", (error) => resolve({ error: error.code ?? error.message }));
    req.end(payload);
  });
}

try {
  for (let index = 0; index < FAN_OUT; index += 1) {
    const created = await post("/api/v1/webhook", API_TOKEN, {
      name: `Intake ${index}`,
      payload_url: `${receiverUrl}/hook/${index}`,
      trigger_element: "rsvp_answer",
      trigger: "create",
    });
    if (created.status !== 201)
      throw new Error(`could not create a webhook: ${created.status} ${created.body}`);
  }
  const event = { trigger_element: "rsvp_answer", trigger: "create", data: SAMPLE };
  const total = RATE * SECONDS;
  const results = [];
  const started = performance.now();
  for (let index = 0; index < total; index += 1) {
    const due = started + (index * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    results.push(post("/api/internal/events", INTERNAL_TOKEN, event));
  }
  const answers = await Promise.all(results);
  const failures = {};
  const latencies = [];
  for (const answer of answers) {
    if (answer.status === 202) latencies.push(answer.ms);
    else {
      const key = answer.error ?? `HTTP ${answer.status}`;
      failures[key] = (failures[key] ?? 0) + 1;
    }
  }
  latencies.sort((a, b) => a - b);
  const at = (fraction) =>
    Math.round(latencies[Math.max(0, Math.ceil(fraction * latencies.length) - 1)] ?? 0);
  const failed = total - latencies.length;
  // Deliveries still on their way get a while to arrive.
  const expected = latencies.length * FAN_OUT;
  const deadline = Date.now() + 60_000;
  while (delivered < expected && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 200));
  const figures = {
    database: process.env.DATABASE_URL ? "postgres" : "pglite",
    rate: RATE,
    seconds: SECONDS,
    requests: total,
    failed,
    failures,
    p50_ms: at(0.5),
    p99_ms: at(0.99),
    max_ms: Math.round(latencies.at(-1) ?? 0),
    deliveries_expected: expected,
    deliveries_arrived: delivered,
  };
  console.log(
    `${total} events at ${RATE}/s on ${figures.database}: ${failed} failed ${JSON.stringify(failures)}; ` +
      `intake latency p50 ${figures.p50_ms} ms, p99 ${figures.p99_ms} ms, max ${figures.max_ms} ms; ` +
      `${delivered} of ${expected} deliveries arrived`,
  );
  console.log(JSON.stringify(figures));
} finally {
  agent.destroy();
  await app.stop();
  receiver.close();
}
