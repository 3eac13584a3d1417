// How fast events become deliveries, on PostgreSQL with a local receiver in its own process. In order:
// 1. raw keep-alive HTTP POSTs per second from Node to the receiver (10 in parallel, the default
//    DISPATCH_CONCURRENCY), the ceiling the delivery rate is compared with;
// 2. events accepted per second: BENCH_EVENTS events posted to the internal route, 16 in parallel, each
//    matching 10 webhooks (the app runs with WORKER_IN_APP=false, so the deliveries queue up);
// 3. deliveries per second at that fan-out: one `npm run worker` process (default settings) works off the
//    queued deliveries; from the first delivery received to the last;
// 4. p50/p99 latency from an event's 202 to its delivery arriving, at BENCH_RATE events/s for BENCH_SECONDS,
//    one webhook per event, with the app restarted in its default set-up (the worker inside the app).
// The last line is one JSON object with the figures; ratio = deliveries per second / raw POSTs per second.
// Usage: npm run build && npm run bench:dispatch   (DATABASE_URL: a server to create a fresh database on;
// default postgres://postgres@127.0.0.1:5432/test).
import { fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startApp, startWorker } from "../tests/helpers/app-process.mjs";
import { createTestDatabase } from "../tests/helpers/test-database.mjs";

const FAN_OUT = 10;
const EVENTS = Number(process.env.BENCH_EVENTS ?? 2000);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const LATENCY_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RAW_SECONDS = 5;
// Parallel requests: the worker's default DISPATCH_CONCURRENCY for raw POSTs; the platform posting events.
const RAW_CONCURRENCY = 10;
const INTAKE_CONCURRENCY = 16;
const API_TOKEN = "bench-dispatch-api-token-0123";
const INTERNAL_TOKEN = "bench-dispatch-internal-token-0123";
const SAMPLE = {
  status: "confirmed",
  email: "lena.hoffmann@example.de",
  amount: 2,
  payload: {
    first_name: "Lena",
    last_name: "Hoffmann",
    company: "Nordwind Logistik GmbH",
    privacy_consent: true,
  },
  prokey: "b7e19d42-5c3a-4f8e-a6d1-92c0e4f7a358",
  date_created: "2026-03-02T09:14:27.318Z",
  date_updated: null,
};

// Wall-clock milliseconds with sub-millisecond precision, comparable between the two processes.
const now = () => performance.timeOrigin + performance.now();

if (process.argv[2] === "--receiver") runReceiver();
else await main();

// ---- the receiver (a child process) ---------------------------------------------------------------

function runReceiver() {
  const fanIds = new Set();
  let fanCount = 0;
  let fanFirst = 0;
  let fanLast = 0;
  let raw = 0;
  let pending = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => {
      const at = now();
      // Every request is read and parsed alike, so raw POSTs cost the receiver what deliveries cost.
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      if (req.url.startsWith("/raw")) raw += 1;
      else if (req.url.startsWith("/fan")) {
        fanIds.add(req.headers["webhook-id"]);
        fanCount = fanIds.size;
        fanFirst ||= at;
        fanLast = at;
      } else if (req.url.startsWith("/lat")) pending.push([body.element_data.id, at]);
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
    });
  });
  server.keepAliveTimeout = 5000;
  server.listen(0, "127.0.0.1", () => process.send({ type: "ready", port: server.address().port }));
  setInterval(() => {
    process.send({ type: "stats", raw, fanCount, fanFirst, fanLast, latency: pending });
    pending = [];
  }, 50).unref();
  process.on("message", (message) => {
    if (message === "stop") server.close(() => process.exit(0));
  });
  process.on("disconnect", () => process.exit(0));
}

// ---- the benchmark --------------------------------------------------------------------------------

async function main() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    console.error("No production build: run `npm run build` first.");
    process.exit(2);
  }
  const serverUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
  const database = await createTestDatabase(serverUrl);
  const storage = {
    dataDir: await mkdtemp(path.join(tmpdir(), "hooksmith-bench-")),
    databaseUrl: database.url,
  };
  const receiver = fork(fileURLToPath(import.meta.url), ["--receiver"], { stdio: "inherit" });
  const env = { API_TOKEN, INTERNAL_TOKEN, ALLOW_PRIVATE_TARGETS: "true" };
  let app;
  let worker;
  try {
    const stats = { raw: 0, fanCount: 0, fanFirst: 0, fanLast: 0, arrivals: new Map() };
    const port = await new Promise((resolve) => {
      receiver.on("message", (message) => {
        if (message.type === "ready") resolve(message.port);
        if (message.type === "stats") {
          stats.raw = message.raw;
          stats.fanCount = message.fanCount;
          stats.fanFirst = message.fanFirst;
          stats.fanLast = message.fanLast;
          for (const [id, at] of message.latency) stats.arrivals.set(id, at);
        }
      });
    });
    const receiverUrl = `http://127.0.0.1:${port}`;
    const appAgent = new http.Agent({ keepAlive: true, maxSockets: INTAKE_CONCURRENCY });
    const call = (method, url, body, token) =>
      request(appAgent, method, `${app.baseUrl}${url}`, body, { authorization: `Bearer ${token}` });
    const event = (trigger) => ({
      trigger_element: "rsvp_answer",
      trigger,
      data: { id: randomUUID(), ...SAMPLE },
    });
    const postEvent = async (trigger) => {
      const body = event(trigger);
      const response = await call("POST", "/api/internal/events", body, INTERNAL_TOKEN);
      if (response.status !== 202) throw new Error(`event refused: ${response.status} ${response.text}`);
      return body.data.id;
    };

    // 1. Raw keep-alive POSTs: the ceiling, same receiver, same kind of body a delivery has. Measured
    // before the app starts: an idle gap would let the app close the intake's kept-alive sockets (5 s).
    const rawAgent = new http.Agent({ keepAlive: true, maxSockets: RAW_CONCURRENCY });
    const rawBody = JSON.stringify({ element_data: { id: randomUUID(), ...SAMPLE } });
    let rawSent = 0;
    const rawStart = now();
    await Promise.all(
      Array.from({ length: RAW_CONCURRENCY }, async () => {
        while (now() - rawStart < RAW_SECONDS * 1000) {
          const response = await request(rawAgent, "POST", `${receiverUrl}/raw`, rawBody, {});
          if (response.status !== 200) throw new Error(`raw POST answered ${response.status}`);
          rawSent += 1;
        }
      }),
    );
    const rawPerSecond = rawSent / ((now() - rawStart) / 1000);
    rawAgent.destroy();
    console.log(
      `raw keep-alive POSTs:         ${rawPerSecond.toFixed(0)}/s (${rawSent} in ${RAW_SECONDS} s, ${RAW_CONCURRENCY} in parallel)`,
    );

    app = await startApp({ storage, env: { ...env, WORKER_IN_APP: "false" } });
    console.log(`PostgreSQL at ${serverUrl.replace(/\/[^/]*$/, "/…")}, receiver in process ${receiver.pid}`);
    for (let index = 0; index < FAN_OUT; index += 1) {
      await createWebhook(call, { trigger: "create", payload_url: `${receiverUrl}/fan/${index}` });
    }
    await createWebhook(call, { trigger: "update", payload_url: `${receiverUrl}/lat` });
    // Warm up the route (compiled on first use) and the connections before anything is timed.
    for (let index = 0; index < 20; index += 1) await postEvent("delete");

    // 2. Intake: EVENTS events as fast as they are accepted, each matching FAN_OUT webhooks.
    const intakeStart = now();
    let next = 0;
    await Promise.all(
      Array.from({ length: INTAKE_CONCURRENCY }, async () => {
        while (next < EVENTS) {
          next += 1;
          await postEvent("create");
        }
      }),
    );
    const intakeSeconds = (now() - intakeStart) / 1000;
    const eventsPerSecond = EVENTS / intakeSeconds;
    console.log(
      `events accepted:              ${eventsPerSecond.toFixed(0)}/s (${EVENTS} in ${intakeSeconds.toFixed(1)} s, ${INTAKE_CONCURRENCY} in parallel, ${EVENTS * FAN_OUT} deliveries queued)`,
    );

    // 3. One worker process works off the queue.
    worker = await startWorker({ storage, env });
    const deliveries = EVENTS * FAN_OUT;
    await until(() => stats.fanCount >= deliveries, 120_000, `${deliveries} deliveries`);
    const deliverySeconds = (stats.fanLast - stats.fanFirst) / 1000;
    const deliveriesPerSecond = deliveries / deliverySeconds;
    console.log(
      `deliveries at fan-out ${FAN_OUT}:     ${deliveriesPerSecond.toFixed(0)}/s (${deliveries} in ${deliverySeconds.toFixed(1)} s, one worker process)`,
    );
    await worker.stop();
    worker = undefined;

    // 4. Latency in the default set-up: the app restarted with its own worker, woken by each event.
    await app.stop();
    app = await startApp({ storage, env });
    const warmUp = [];
    for (let index = 0; index < 20; index += 1) warmUp.push(await postEvent("update"));
    await until(() => warmUp.every((id) => stats.arrivals.has(id)), 30_000, "warm-up deliveries");
    const accepted = new Map();
    const total = Math.round(RATE * LATENCY_SECONDS);
    const inFlight = new Set();
    const latencyStart = now();
    for (let index = 0; index < total; index += 1) {
      const wait = latencyStart + (index * 1000) / RATE - now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const sending = postEvent("update").then((id) => {
        accepted.set(id, now());
        inFlight.delete(sending);
      });
      inFlight.add(sending);
    }
    await Promise.all(inFlight);
    const offeredRate = total / ((now() - latencyStart) / 1000);
    await until(
      () => [...accepted.keys()].every((id) => stats.arrivals.has(id)),
      60_000,
      "latency deliveries",
    );
    const latencies = [...accepted].map(([id, at]) => stats.arrivals.get(id) - at).sort((a, b) => a - b);
    const pick = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
    const p50 = pick(0.5);
    const p99 = pick(0.99);
    console.log(
      `latency at ${offeredRate.toFixed(0)} events/s:       p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${latencies.at(-1).toFixed(1)} ms (${latencies.length} events, 202 to arrival, worker in the app)`,
    );

    const ratio = deliveriesPerSecond / rawPerSecond;
    console.log(`ratio delivered/raw:          ${ratio.toFixed(2)}`);
    appAgent.destroy();
    console.log(
      JSON.stringify({
        events_per_s: Math.round(eventsPerSecond),
        deliveries_per_s: Math.round(deliveriesPerSecond),
        raw_posts_per_s: Math.round(rawPerSecond),
        ratio: Number(ratio.toFixed(3)),
        p50_ms: Number(p50.toFixed(1)),
        p99_ms: Number(p99.toFixed(1)),
      }),
    );
  } finally {
    receiver.send("stop");
    await worker?.stop();
    await app?.stop();
    await database.drop();
    await rm(storage.dataDir, { recursive: true, force: true });
  }
}

async function createWebhook(call, fields) {
  const response = await call(
    "POST",
    "/api/v1/webhook",
    { name: `bench ${fields.trigger}`, trigger_element: "rsvp_answer", ...fields },
    API_TOKEN,
  );
  if (response.status !== 201)
    throw new Error(`could not create a webhook: ${response.status} ${response.text}`);
}

async function until(condition, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function request(agent, method, url, body, headers) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
    const req = http.request(url, {
      method,
      agent,
      headers: {
        ...headers,
        ...(payload === undefined
          ? {}
          : { "content-type": "application/json", "content-length": Buffer.byteLength(payload) }),
      },
    });
    req.on("error", reject);
    req.on("response", (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.end(payload);
  });
}
