// Soak: events at a steady rate for minutes, each fanned out to 10 webhooks of a healthy loopback
// receiver, on PostgreSQL. Every 10 s it prints the events accepted, the deliveries arrived, the backlog
// (pending deliveries) and the resident memory of the processes serving them; when the load stops it waits
// for the backlog to drain. The last line is one JSON object:
// { events, delivered, lost, pending_after_drain, rss_start_mb (after the first 10 s), rss_end_mb, backlog_max,
// drain_s, skipped (events not sent: 5 s' worth were unanswered), deployment, … }.
// Deployments (SOAK_DEPLOYMENT): `separate` (the default), the one the README gives for this many events:
// events to `npm run intake`, one `npm run worker`, the app beside them for people and the API; `app`:
// `npm start` alone, events to the app's own route and its worker (a child process on PostgreSQL). On this
// 2-core machine the app's route costs ~2.5 ms of CPU per event against the intake process's ~0.7 ms, so
// at 200 events/s the app alone needs more CPU than the machine has (see README, The engine).
// Usage: npm run build && npm run bench:soak
//   SOAK_SECONDS (300), SOAK_RATE (200 events/s), SOAK_DEPLOYMENT (separate | app); DATABASE_URL: a server
//   to create a fresh database on (default postgres://postgres@127.0.0.1:5432/test).
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import { startApp, startIntake, startWorker } from "../tests/helpers/app-process.mjs";
import {
  APP_ENV,
  APP_PORT,
  createWebhook,
  INTERNAL_TOKEN,
  loadAverage,
  now,
  openBenchStorage,
  request,
  runReceiver,
  SAMPLE,
  sleep,
  startReceiver,
} from "./bench-common.mjs";

const FAN_OUT = 10;
const SECONDS = Number(process.env.SOAK_SECONDS ?? 300);
const RATE = Number(process.env.SOAK_RATE ?? 200);
const REPORT_EVERY_MS = 10_000;
const DRAIN_TIMEOUT_MS = 120_000;
const DEPLOYMENT = process.env.SOAK_DEPLOYMENT ?? "separate";
if (!["separate", "app"].includes(DEPLOYMENT)) {
  console.error(`SOAK_DEPLOYMENT must be "separate" or "app", not "${DEPLOYMENT}"`);
  process.exit(2);
}

if (process.argv[2] === "--receiver") runReceiver();
else await main();

// Resident memory of a process and everything it started, in MB.
function rssMb(rootPid) {
  const parents = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // gone
    }
  }
  const tree = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (!tree.has(pid) && tree.has(parent)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  let kb = 0;
  for (const pid of tree) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      kb += Number(match?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return Math.round(kb / 1024);
}

async function main() {
  const loadStart = loadAverage();
  const { sql, storage, remove } = await openBenchStorage("hooksmith-soak-");
  const receiver = await startReceiver(import.meta.url, { distinct: true });
  let app;
  let intake;
  let worker;
  try {
    const separate = DEPLOYMENT === "separate";
    app = await startApp({
      port: APP_PORT,
      storage,
      env: separate ? { ...APP_ENV, WORKER_IN_APP: "false" } : APP_ENV,
    });
    if (separate) {
      intake = await startIntake({ storage, env: APP_ENV });
      worker = await startWorker({ storage, env: APP_ENV });
    }
    // The memory of every process serving the load (the app's worker is its child).
    const rss = () =>
      [app, intake, worker].reduce((sum, started) => sum + (started ? rssMb(started.pid) : 0), 0);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
    const call = (method, url, body, token, baseUrl = app.baseUrl) =>
      request(agent, method, `${baseUrl}${url}`, body, { authorization: `Bearer ${token}` });
    for (let index = 0; index < FAN_OUT; index += 1) {
      await createWebhook(call, { trigger: "create", payload_url: `${receiver.url}/fan/${index}` });
    }
    const eventsUrl = (intake ?? app).baseUrl;
    console.log(
      `soak: ${RATE} events/s for ${SECONDS} s, fan-out ${FAN_OUT}, ${separate ? "npm run intake + npm run worker (the app idle beside them)" : "npm start alone (its own worker)"}; load average ${loadStart.join(" ")}`,
    );

    let accepted = 0;
    let failed = 0;
    // An app that cannot carry the rate (a busy machine) would gather requests without bound and the
    // soak would never end: beyond 5 s' worth in flight, an event is not sent and counted as skipped.
    let skipped = 0;
    const inFlight = new Set();
    const post = () => {
      if (inFlight.size >= RATE * 5) {
        skipped += 1;
        return;
      }
      const sending = call(
        "POST",
        "/api/internal/events",
        { trigger_element: "rsvp_answer", trigger: "create", data: { id: randomUUID(), ...SAMPLE } },
        INTERNAL_TOKEN,
        eventsUrl,
      )
        .then((response) => {
          if (response.status === 202) accepted += 1;
          else {
            failed += 1;
            console.error(`event answered ${response.status}: ${response.text.slice(0, 200)}`);
          }
        })
        .catch((error) => {
          failed += 1;
          console.error(`event not sent: ${error.message}`);
        })
        .finally(() => inFlight.delete(sending));
      inFlight.add(sending);
    };
    const backlog = async () =>
      (await sql`select count(*)::int as n from deliveries where status = 'pending'`)[0].n;

    let backlogMax = 0;
    let rssStart = null;
    let nextReport = REPORT_EVERY_MS;
    const started = now();
    const total = Math.round(RATE * SECONDS);
    for (let index = 0; index < total; index += 1) {
      const wait = started + (index * 1000) / RATE - now();
      if (wait > 1) await sleep(wait);
      post();
      const elapsed = now() - started;
      if (elapsed >= nextReport) {
        nextReport += REPORT_EVERY_MS;
        const pending = await backlog();
        backlogMax = Math.max(backlogMax, pending);
        const rssNow = rss();
        rssStart ??= rssNow;
        const { distinct } = await receiver.snapshot();
        console.log(
          `${(elapsed / 1000).toFixed(0).padStart(4)} s  events ${accepted} (skipped ${skipped})  delivered ${distinct}  backlog ${pending}  rss ${rssNow} MB  load ${loadAverage().join(" ")}`,
        );
      }
    }
    await Promise.all(inFlight);
    const loadStopped = now();
    const expected = accepted * FAN_OUT;
    let delivered = 0;
    let pending = 0;
    while (now() - loadStopped < DRAIN_TIMEOUT_MS) {
      pending = await backlog();
      backlogMax = Math.max(backlogMax, pending);
      delivered = (await receiver.snapshot()).distinct;
      if (pending === 0 && delivered >= expected) break;
      await sleep(100);
    }
    const drainSeconds = (now() - loadStopped) / 1000;
    const rssEnd = rss();
    console.log(
      `load stopped: ${accepted} events accepted (${failed} refused, ${skipped} not sent: too many in flight), ${delivered} of ${expected} deliveries arrived, backlog ${pending}, drained in ${drainSeconds.toFixed(1)} s`,
    );
    agent.destroy();
    console.log(
      JSON.stringify({
        events: accepted,
        delivered,
        // Lost: neither arrived nor still queued. Deliveries still pending when the drain gave up are
        // not lost, only late, and are counted apart.
        lost: Math.max(0, expected - delivered - pending),
        pending_after_drain: pending,
        refused: failed,
        skipped,
        rss_start_mb: rssStart ?? rssEnd,
        rss_end_mb: rssEnd,
        backlog_max: backlogMax,
        drain_s: Number(drainSeconds.toFixed(1)),
        seconds: SECONDS,
        rate: RATE,
        deployment: DEPLOYMENT,
        load_avg: { start: loadStart, end: loadAverage() },
      }),
    );
  } catch (error) {
    if (app) console.error(`--- app output (last 3000 characters):\n${app.output().slice(-3000)}`);
    throw error;
  } finally {
    receiver.stop();
    await Promise.all([intake?.stop(), worker?.stop()]);
    await app?.stop();
    await remove();
  }
}
