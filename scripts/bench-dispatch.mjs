// How fast events become deliveries, and what each step costs in CPU, on PostgreSQL with a loopback
// receiver in its own process. Phases, back to back (about 3 minutes):
//  1. setup: the app and its webhooks;
//  2. intake: events posted to the internal route, 16 in parallel, each matching 10 webhooks, timed after a
//     5 s warm-up (the app runs with WORKER_IN_APP=false, so the deliveries queue up), to the app and to
//     `npm run intake` (intake_events_per_s; the app's figure is intake_app_events_per_s), and the intake's
//     own statements (candidate webhooks, the event-and-deliveries insert) run by pgbench, the three taking
//     turns in 4 rounds of 2 s;
//  3. deliveries: one `npm run worker` process works off that queue, in 5 rounds of 2 s that take turns
//     with rounds of raw keep-alive POSTs to the receiver (same body, 64 in parallel like the worker: the
//     ceiling), the worker stopped meanwhile, so each delivery round has raw ones right before and after;
//  4. latency from each event's commit (its received_at, database clock) to each of its 10 deliveries
//     arriving at 200 events/s in the separate deployment (events to `npm run intake`, one `npm run
//     worker`, the app idle beside them), then at 20 events/s in it (the wake-up path,
//     nothing queued behind the CPU), then at 200 events/s with `npm start` alone (its worker is a child
//     process on PostgreSQL, counted with the app); each deployment started afresh and warmed up for 10 s
//     at the rate, each with the CPU its rate needs in cores (above what the machine has free for it, a
//     backlog grows);
//  5. the API: GET /api/v1/webhook/{id} against GET /api/health, the app's cheapest route, taking turns in
//     rounds of a second (run between the separate worker's latency and the in-app one, on the app with no
//     worker in it).
// CPU time comes from /proc: the client and receiver per raw POST; worker, PostgreSQL backends and
// receiver per delivery; app and backends per event and per API request. Throughput moves with the
// machine's load, CPU per operation much less: cpu_ratio is the figure to track.
// The last line is one JSON object with every figure.
// Usage: npm run build && npm run bench:dispatch   (DATABASE_URL: a server to create a fresh database on;
// default postgres://postgres@127.0.0.1:5432/test).
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { rm, writeFile } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { startApp, startIntake, startWorker } from "../tests/helpers/app-process.mjs";
import {
  API_TOKEN,
  APP_ENV,
  APP_PORT,
  backendsOf,
  closedLoop,
  cpuMeter,
  createWebhook,
  INTERNAL_TOKEN,
  loadAverage,
  now,
  openBenchStorage,
  openLoop,
  percentile,
  request,
  runReceiver,
  SAMPLE,
  sleep,
  startReceiver,
  until,
} from "./bench-common.mjs";

const FAN_OUT = 10;
const RATE = 200;
const LATENCY_SECONDS = 8;
const FRESH_WARMUP_SECONDS = 10;
const LOW_RATE = 20;
const LOW_RATE_SECONDS = 4;
const RAW_ROUND_SECONDS = 1.5;
const INTAKE_WARMUP_SECONDS = 5;
const INTAKE_SECONDS = 8;
const SQL_SECONDS = 8;
const INTAKE_ROUNDS = 4;
const DELIVERY_WARMUP_SECONDS = 3;
const DELIVERY_SECONDS = 10;
const DELIVERY_ROUNDS = 5;
const API_SECONDS = 4;
const API_ROUNDS = 4;
// A route's code is compiled as it runs: after 2 s the API route still cost twice its warm CPU (a scratch
// run: 6,067 µs per request after 2 s, 2,461-2,835 once warm), so each route is warmed up like the intake.
const API_WARMUP_SECONDS = 5;
const RAW_CONCURRENCY = 64; // the worker's default DISPATCH_CONCURRENCY (lib/dispatch/config.ts)
const INTAKE_CONCURRENCY = 16;
const API_CONCURRENCY = 8;
const DEFAULT_WORKSPACE_ID = "00000000-0000-4000-8000-000000000001";

if (process.argv[2] === "--receiver") runReceiver();
else await main();

async function main() {
  const loadStart = loadAverage();
  const benchStart = now();
  const { database, sql, storage, remove } = await openBenchStorage("hooksmith-bench-");
  const receiver = await startReceiver(import.meta.url);
  const backends = backendsOf(sql, database.name);
  const proc =
    (get, tree = true) =>
    async () => ({ pids: [get()].filter(Boolean), tree });
  let app;
  let worker;
  // `npm run intake`: the event routes in a process of their own; while it runs, events go to it.
  let intakeProcess;
  const figures = {};
  const cpu = {};
  const perOp = (us, count) => Number((us / count).toFixed(1));
  const log = (label, text) => console.log(`${label.padEnd(34)}${text}  [load ${loadAverage().join(" ")}]`);

  try {
    console.log(`load average at start: ${loadStart.join(" ")}`);
    const appAgent = new http.Agent({ keepAlive: true, maxSockets: 32 });
    const call = (method, url, body, token, base = app.baseUrl) =>
      request(appAgent, method, `${base}${url}`, body, { authorization: `Bearer ${token}` });
    // A 5xx or a connection the overloaded app dropped is counted and the event sent again (with its
    // id: a repeat that had been accepted only adds arrivals), as the platform would; anything else stops
    // the bench.
    let refused = 0;
    const postEvent = async (trigger, base = intakeProcess?.baseUrl) => {
      const id = randomUUID();
      for (let tries = 1; ; tries += 1) {
        const response = await call(
          "POST",
          "/api/internal/events",
          { trigger_element: "rsvp_answer", trigger, data: { id, ...SAMPLE } },
          INTERNAL_TOKEN,
          base,
        ).catch((error) => {
          if (error.code !== "ECONNRESET" || tries === 3) throw error;
          return { status: 503, text: error.message };
        });
        if (response.status === 202) return id;
        if (response.status < 500 || tries === 3) {
          throw new Error(`event refused: ${response.status} ${response.text}`);
        }
        refused += 1;
      }
    };

    // 1. Raw keep-alive POSTs to the same receiver, same body and concurrency: the ceiling for deliveries.
    // Measured in rounds that take turns with the delivery phase's (step 3).
    const rawAgent = new http.Agent({ keepAlive: true, maxSockets: RAW_CONCURRENCY });
    const rawBody = JSON.stringify({ element_data: { id: randomUUID(), ...SAMPLE } });
    const rawPost = async () => {
      const response = await request(rawAgent, "POST", `${receiver.url}/raw`, rawBody);
      if (response.status !== 200) throw new Error(`raw POST answered ${response.status}`);
    };

    app = await startApp({ port: APP_PORT, storage, env: { ...APP_ENV, WORKER_IN_APP: "false" } });
    console.log(
      `PostgreSQL at ${database.url.replace(/\/[^/]*$/, "/…")}, receiver in process ${receiver.pid}`,
    );
    const fanIds = [];
    for (let index = 0; index < FAN_OUT; index += 1) {
      const created = await createWebhook(call, {
        trigger: "create",
        payload_url: `${receiver.url}/fan/${index}`,
      });
      fanIds.push(created.id);
      await createWebhook(call, { trigger: "update", payload_url: `${receiver.url}/lat/${index}` });
    }

    // 2. Intake, each way warmed up first: through the app, through `npm run intake` (the routes' own
    // handlers without the framework around them), and the same statements without either, by pgbench. The
    // three take turns in rounds (like the API phase's and the delivery phase's), so a slow minute of the
    // machine weighs on all three alike: measured one after the other, one run read 1,203 events/s where
    // the one before it read 1,941 (CPU per event of the bench's own client: 141 µs against 75).
    intakeProcess = await startIntake({ storage, env: APP_ENV });
    const sqlRounds = [];
    const intakeWays = await takeTurns(
      [
        { label: `events accepted, app (fan-out ${FAN_OUT}):`, pid: () => app.pid, base: app.baseUrl },
        {
          label: "events accepted, npm run intake:",
          pid: () => intakeProcess.pid,
          base: intakeProcess.baseUrl,
        },
      ].map((way) => ({
        ...way,
        once: () => postEvent("create", way.base),
        groups: { process: proc(way.pid), postgres: backends, client: "self" },
      })),
      {
        concurrency: INTAKE_CONCURRENCY,
        warmUpSeconds: INTAKE_WARMUP_SECONDS,
        rounds: INTAKE_ROUNDS,
        seconds: INTAKE_SECONDS,
        afterRound: async () =>
          sqlRounds.push(
            await intakeStatements(database.url, fanIds, database.name, SQL_SECONDS / INTAKE_ROUNDS),
          ),
      },
    );
    const [byApp, byProcess] = intakeWays.map((way) => {
      const perEvent = {
        process: perOp(way.used.process, way.count),
        postgres: perOp(way.used.postgres, way.count),
      };
      log(
        way.label,
        `${(way.count / way.seconds).toFixed(0)}/s (${way.count} in ${way.seconds.toFixed(1)} s, ${INTAKE_CONCURRENCY} in parallel, ${INTAKE_ROUNDS} rounds); CPU per event: process ${perEvent.process} µs, PostgreSQL ${perEvent.postgres} µs, client ${perOp(way.used.client, way.count)} µs`,
      );
      return { perSecond: way.count / way.seconds, ...perEvent };
    });
    const intakePerSecond = byApp.perSecond;
    cpu.intake_app_us = byApp.process;
    cpu.intake_postgres_us = byApp.postgres;
    const intakeProcessPerSecond = byProcess.perSecond;
    cpu.intake_process_us = byProcess.process;
    cpu.intake_process_postgres_us = byProcess.postgres;
    const sqlPerSecond = sqlRounds.reduce((sum, tps) => sum + tps, 0) / sqlRounds.length;
    log("intake statements (pgbench):", `${sqlPerSecond.toFixed(0)} events/s (${INTAKE_ROUNDS} rounds)`);

    // 3. One worker process works off the queue, in rounds that take turns with raw POSTs: the worker is
    // stopped (SIGSTOP) while the raw POSTs run and goes on (SIGCONT) for its own round, so every delivery
    // round has raw rounds right before and right after it and both meet the same machine. Measured one
    // phase after the other, CPU per operation moved by a quarter within a minute with the host's other load
    // (the receiver, doing the same for each request, 25-41 µs per request in 1 s windows of one run).
    worker = await startWorker({ storage, env: APP_ENV });
    await until(async () => (await receiver.snapshot()).counts.fan > 0, 30_000, "a first delivery");
    await sleep(DELIVERY_WARMUP_SECONDS * 1000);
    const rawMeter = cpuMeter({ client: "self", receiver: proc(() => receiver.pid, false) });
    const deliveryMeter = cpuMeter({
      worker: proc(() => worker.pid),
      postgres: backends,
      receiver: proc(() => receiver.pid, false),
    });
    // Row work: how many of the deliveries' row updates PostgreSQL made in place (HOT, no index entries).
    const updates = async () =>
      (
        await sql`select n_tup_upd::int as upd, n_tup_hot_upd::int as hot from pg_stat_user_tables
          where relname = 'deliveries'`
      )[0];
    const fanArrived = async () => (await receiver.snapshot()).counts.fan;
    // The worker stopped, until the deliveries it had on the wire have all arrived.
    const stopWorker = async () => {
      process.kill(worker.pid, "SIGSTOP");
      let arrived = await fanArrived();
      for (;;) {
        await sleep(50);
        const next = await fanArrived();
        if (next === arrived) return;
        arrived = next;
      }
    };
    const rawRounds = [];
    const rawRound = async () => {
      await rawMeter.start();
      const { count, seconds } = await closedLoop(RAW_CONCURRENCY, RAW_ROUND_SECONDS, rawPost);
      rawRounds.push({ count, seconds, used: await rawMeter.stop() });
    };
    const delivery = { count: 0, seconds: 0, used: { worker: 0, postgres: 0, receiver: 0 } };
    await stopWorker();
    await closedLoop(RAW_CONCURRENCY, 1, rawPost);
    await rawRound();
    const updatesBefore = await updates();
    for (let round = 0; round < DELIVERY_ROUNDS; round += 1) {
      const before = await fanArrived();
      const started = now();
      await deliveryMeter.start();
      process.kill(worker.pid, "SIGCONT");
      await sleep((DELIVERY_SECONDS / DELIVERY_ROUNDS) * 1000);
      await stopWorker();
      const used = await deliveryMeter.stop();
      delivery.count += (await fanArrived()) - before;
      delivery.seconds += (now() - started) / 1000;
      for (const name of Object.keys(delivery.used)) delivery.used[name] += used[name];
      await rawRound();
    }
    process.kill(worker.pid, "SIGCONT");
    const updatesAfter = await updates();
    const updated = updatesAfter.upd - updatesBefore.upd;
    cpu.delivery_hot_update_share =
      updated > 0 ? Number(((updatesAfter.hot - updatesBefore.hot) / updated).toFixed(2)) : 0;
    const backlog = await sql`select count(*)::int as n from deliveries where status = 'pending'`;
    if (backlog[0].n === 0)
      console.warn("the queue ran dry during the delivery phase: deliveries/s is too low");
    await worker.stop();
    worker = undefined;
    rawAgent.destroy();

    // The raw rounds before each delivery round, and those after each.
    const rawOf = (label, rounds) => {
      const count = rounds.reduce((sum, round) => sum + round.count, 0);
      const seconds = rounds.reduce((sum, round) => sum + round.seconds, 0);
      const client = rounds.reduce((sum, round) => sum + round.used.client, 0);
      const receiverUs = rounds.reduce((sum, round) => sum + round.used.receiver, 0);
      log(
        `raw keep-alive POSTs (${label}):`,
        `${(count / seconds).toFixed(0)}/s; CPU per POST: client ${perOp(client, count)} µs, receiver ${perOp(receiverUs, count)} µs`,
      );
      return { perSecond: count / seconds, count, client, receiver: receiverUs };
    };
    const rawBefore = rawOf("before", rawRounds.slice(0, -1));
    const rawAfter = rawOf("after", rawRounds.slice(1));
    const delivered = delivery.count;
    const deliveriesPerSecond = delivered / delivery.seconds;
    cpu.delivery_worker_us = perOp(delivery.used.worker, delivered);
    cpu.delivery_postgres_us = perOp(delivery.used.postgres, delivered);
    cpu.delivery_receiver_us = perOp(delivery.used.receiver, delivered);
    log(
      `deliveries at fan-out ${FAN_OUT}:`,
      `${deliveriesPerSecond.toFixed(0)}/s (${delivered} in ${delivery.seconds.toFixed(1)} s, one worker process, ${DELIVERY_ROUNDS} rounds); CPU per delivery: worker ${cpu.delivery_worker_us} µs, PostgreSQL ${cpu.delivery_postgres_us} µs, receiver ${cpu.delivery_receiver_us} µs; HOT row updates ${Math.round(cpu.delivery_hot_update_share * 100)} %`,
    );

    // Every raw round counts once (the ones between delivery rounds are both an "after" and a "before").
    const rawAll = rawOf("all rounds", rawRounds);
    const rawPerSecond = (rawBefore.perSecond + rawAfter.perSecond) / 2;
    cpu.raw_client_us = perOp(rawAll.client, rawAll.count);
    cpu.raw_receiver_us = perOp(rawAll.receiver, rawAll.count);
    const rawCpu = cpu.raw_client_us + cpu.raw_receiver_us;
    const deliveryCpuUs = cpu.delivery_worker_us + cpu.delivery_postgres_us + cpu.delivery_receiver_us;
    figures.raw_posts_per_s = Math.round(rawPerSecond);
    figures.raw_posts_per_s_before = Math.round(rawBefore.perSecond);
    figures.raw_posts_per_s_after = Math.round(rawAfter.perSecond);
    figures.deliveries_per_s = Math.round(deliveriesPerSecond);
    figures.ratio = Number((deliveriesPerSecond / rawPerSecond).toFixed(3));
    figures.cpu_ratio = Number((rawCpu / deliveryCpuUs).toFixed(3));

    // 4. Latency at RATE events/s, fan-out 10: separate worker, then the worker in the app.
    // A worker's claim may lock the tables in another order than `truncate` does: the database then
    // breaks the deadlock by cancelling one of the two, and the truncate goes again.
    const emptyQueue = async () => {
      for (let tries = 1; ; tries += 1) {
        try {
          return await sql`truncate events, deliveries, delivery_attempts cascade`;
        } catch (error) {
          if (error.code !== "40P01" || tries >= 5) throw error;
        }
      }
    };
    const latency = async (
      label,
      meterGroups,
      { rate = RATE, seconds = LATENCY_SECONDS, warmUpSeconds = 2 } = {},
    ) => {
      await emptyQueue();
      const arrivals = new Map();
      const collect = async () => {
        for (const [id, at] of (await receiver.snapshot()).arrivals) {
          const list = arrivals.get(id);
          if (list) list.push(at);
          else arrivals.set(id, [at]);
        }
      };
      const all = (ids) => async () => {
        await collect();
        return ids.every((id) => arrivals.get(id)?.length >= FAN_OUT);
      };
      if (warmUpSeconds > 0) {
        const warm = await openLoop(rate, warmUpSeconds, () => postEvent("update"));
        // A machine too busy to deliver the warm-up in time still gets its figures measured (and they show it).
        await until(all(warm.results), 30_000, "warm-up deliveries").catch(() =>
          console.warn(`${label}: the warm-up deliveries had not all arrived after 30 s; measuring anyway`),
        );
      }
      const meter = cpuMeter(meterGroups);
      await meter.start();
      const measured = await openLoop(rate, seconds, () => postEvent("update"));
      // Deliveries still missing after a minute count as that late (and are reported): the bench stays
      // within its 4 minutes on a machine too busy to keep up.
      const waitMs = 60_000;
      const waited = await until(all(measured.results), waitMs, `${label} deliveries`).catch(() => false);
      const used = await meter.stop();
      // The CPU this rate takes, in cores (CPU of the whole phase per second of offered load; 2 cores
      // here, shared): above what the machine has free for it, a backlog must grow, whatever the code does
      // about wake-ups. The app's share runs on one JavaScript thread: near 1 it cannot keep up.
      const offeredUs = (measured.results.length / measured.offeredRate) * 1e6;
      const cores = Object.values(used).reduce((sum, us) => sum + us, 0) / offeredUs;
      const appCores = used.app / offeredUs;
      const committed = new Map(
        (
          await sql`select data->>'id' as id, extract(epoch from received_at)::float8 * 1000 as at
            from events where "trigger" = 'update'`
        ).map((row) => [row.id, row.at]),
      );
      const times = measured.results.flatMap((id) => {
        const arrived = (arrivals.get(id) ?? []).map((at) => at - committed.get(id));
        return [...arrived, ...Array(Math.max(0, FAN_OUT - arrived.length)).fill(waitMs)];
      });
      times.sort((a, b) => a - b);
      if (waited === false) {
        const missing = times.filter((time) => time === waitMs).length;
        console.warn(
          `${label}: ${missing} deliveries had not arrived after ${waitMs / 1000} s (counted as that late)`,
        );
      }
      const p50 = percentile(times, 0.5);
      const p99 = percentile(times, 0.99);
      const count = times.length;
      // Where the time goes: from the commit to the start of the first attempt (claim, and waiting for a
      // sending slot) against the whole way to the receiver. started_at is the worker's clock, received_at
      // the database's: the same machine.
      const waits = (
        await sql`select extract(epoch from (a.started_at - e.received_at))::float8 * 1000 as ms
          from delivery_attempts a join deliveries d on d.id = a.delivery_id join events e on e.id = d.event_id
          where e."trigger" = 'update' and a.attempt = 1 and e.data->>'id' in ${sql(measured.results)}`
      )
        .map((row) => row.ms)
        .sort((a, b) => a - b);
      const waitP50 = waits.length ? percentile(waits, 0.5) : Number.NaN;
      const waitP99 = waits.length ? percentile(waits, 0.99) : Number.NaN;
      const stages = Object.entries(used)
        .map(([name, us]) => `${name} ${perOp(us, count)} µs`)
        .join(", ");
      log(
        `latency, ${label}:`,
        `p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${times.at(-1).toFixed(1)} ms (${measured.offeredRate.toFixed(0)} events/s, ${count} deliveries, commit to arrival; commit to first attempt: p50 ${waitP50.toFixed(1)} ms, p99 ${waitP99.toFixed(1)} ms); CPU per delivery: ${stages}; CPU needed ${cores.toFixed(2)} cores (app ${appCores.toFixed(2)})`,
      );
      return { p50, p99, used, count, waitP50, waitP99, cores, appCores };
    };

    // The separate deployment: the app (idle here), `npm run intake` taking the events, `npm run worker`.
    worker = await startWorker({ storage, env: APP_ENV });
    const separateGroups = {
      app: proc(() => app.pid),
      intake: proc(() => intakeProcess.pid),
      worker: proc(() => worker.pid),
      postgres: backends,
    };
    // The worker starts afresh here (the delivery phase's one has stopped): warmed up like the app below.
    const separate = await latency("separate worker", separateGroups, {
      warmUpSeconds: FRESH_WARMUP_SECONDS,
    });
    // The wake-up path alone, the worker warm: at a tenth of the rate nothing queues up behind the CPU.
    const quiet = await latency(`separate worker, ${LOW_RATE} events/s`, separateGroups, {
      rate: LOW_RATE,
      seconds: LOW_RATE_SECONDS,
      warmUpSeconds: 0,
    });
    await worker.stop();
    worker = undefined;
    await intakeProcess.stop();
    intakeProcess = undefined;

    // 5. The API against the app's cheapest route, same concurrency, on the app without a worker in it
    // (the separate one stopped): nothing but the requests runs there, so their CPU is theirs alone.
    // The route and the floor take turns (API_ROUNDS rounds of API_SECONDS / API_ROUNDS each), so whatever
    // else the machine does meanwhile (autovacuum after the latency phases, the host's other guests) weighs
    // on both alike: measured one after the other, one run read 0.454 where a quiet loop reads 0.64-0.83.
    const routes = await takeTurns(
      [
        { label: "GET /api/v1/webhook/{id}", url: `/api/v1/webhook/${fanIds[0]}` },
        { label: "GET /api/health (floor)", url: "/api/health" },
      ].map((route) => ({
        ...route,
        once: async () => {
          const response = await call("GET", route.url, undefined, API_TOKEN);
          if (response.status !== 200)
            throw new Error(`${route.url} answered ${response.status} ${response.text}`);
        },
        groups: { app: proc(() => app.pid), postgres: backends },
      })),
      {
        concurrency: API_CONCURRENCY,
        warmUpSeconds: API_WARMUP_SECONDS,
        rounds: API_ROUNDS,
        seconds: API_SECONDS,
      },
    );
    const [api, floor] = routes.map((route) => {
      const measured = {
        perSecond: route.count / route.seconds,
        app: perOp(route.used.app, route.count),
        postgres: perOp(route.used.postgres, route.count),
      };
      log(
        `${route.label}:`,
        `${measured.perSecond.toFixed(0)} requests/s; CPU per request: app ${measured.app} µs, PostgreSQL ${measured.postgres} µs`,
      );
      return measured;
    });
    cpu.api_app_us = api.app;
    cpu.api_postgres_us = api.postgres;
    cpu.floor_app_us = floor.app;
    figures.api_rps = Math.round(api.perSecond);
    figures.route_floor_rps = Math.round(floor.perSecond);
    figures.api_ratio = Number((api.perSecond / floor.perSecond).toFixed(3));

    await app.stop();
    app = await startApp({ port: APP_PORT, storage, env: APP_ENV });
    // The app starts afresh here (its worker with it): a warm-up long enough to measure it warm (over the
    // first 8 s after a start, the JIT and the worker's start-up left a backlog of seconds).
    const inApp = await latency(
      "npm start alone (its own worker)",
      { app: proc(() => app.pid), postgres: backends },
      { warmUpSeconds: FRESH_WARMUP_SECONDS },
    );
    figures.p50_ms = Number(separate.p50.toFixed(1));
    figures.p99_ms = Number(separate.p99.toFixed(1));
    figures.p50_inapp_ms = Number(inApp.p50.toFixed(1));
    figures.p99_inapp_ms = Number(inApp.p99.toFixed(1));
    figures.p99_low_rate_ms = Number(quiet.p99.toFixed(1));
    figures.wait_p99_ms = Number(separate.waitP99.toFixed(1));
    figures.wait_p99_inapp_ms = Number(inApp.waitP99.toFixed(1));
    // The intake as deployed for many events (`npm run intake`); the app's own route beside it.
    figures.intake_events_per_s = Math.round(intakeProcessPerSecond);
    figures.intake_sql_events_per_s = Math.round(sqlPerSecond);
    figures.intake_ratio = Number((intakeProcessPerSecond / sqlPerSecond).toFixed(3));
    figures.intake_app_events_per_s = Math.round(intakePerSecond);
    figures.intake_app_ratio = Number((intakePerSecond / sqlPerSecond).toFixed(3));

    appAgent.destroy();

    figures.events_refused = refused;
    if (refused > 0)
      console.warn(`${refused} events were answered with a 5xx and sent again (see the app's log)`);
    figures.load_avg = { start: loadStart, end: loadAverage() };
    figures.cpu_us = cpu;
    figures.latency_cores_needed = {
      separate: Number(separate.cores.toFixed(2)),
      inapp: Number(inApp.cores.toFixed(2)),
      inapp_app_process: Number(inApp.appCores.toFixed(2)),
    };
    figures.seconds = Math.round((now() - benchStart) / 1000);
    console.log(
      `ratio ${figures.ratio}, cpu_ratio ${figures.cpu_ratio} (raw ${rawCpu.toFixed(1)} µs ÷ delivery ${deliveryCpuUs.toFixed(1)} µs), intake_ratio ${figures.intake_ratio}, api_ratio ${figures.api_ratio}; load average at end: ${figures.load_avg.end.join(" ")}`,
    );
    console.log(JSON.stringify(figures));
  } catch (error) {
    for (const [name, child] of [
      ["app", app],
      ["intake", intakeProcess],
      ["worker", worker],
    ]) {
      if (child) console.error(`--- ${name} output (last 3000 characters):\n${child.output().slice(-3000)}`);
    }
    throw error;
  } finally {
    receiver.stop();
    await intakeProcess?.stop();
    // A worker stopped between rounds would not see the SIGTERM.
    if (worker) process.kill(worker.pid, "SIGCONT");
    await worker?.stop();
    await app?.stop();
    await remove();
  }
}

/**
 * Ways of doing one thing (`once`, looped `concurrency` at a time) measured in turns: each warmed up, then
 * `rounds` rounds in which each way runs `seconds / rounds` under a CPU meter over its `groups`
 * (`afterRound` runs after each round). Resolves with the ways, each with its calls, seconds and CPU µs
 * per group summed over the rounds.
 */
async function takeTurns(ways, { concurrency, warmUpSeconds, rounds, seconds, afterRound }) {
  const measured = ways.map((way) => ({ ...way, count: 0, seconds: 0, used: {} }));
  for (const way of measured) await closedLoop(concurrency, warmUpSeconds, way.once);
  for (let round = 0; round < rounds; round += 1) {
    for (const way of measured) {
      const meter = cpuMeter(way.groups);
      await meter.start();
      const loop = await closedLoop(concurrency, seconds / rounds, way.once);
      const used = await meter.stop();
      way.count += loop.count;
      way.seconds += loop.seconds;
      for (const [name, us] of Object.entries(used)) way.used[name] = (way.used[name] ?? 0) + us;
    }
    await afterRound?.();
  }
  return measured;
}

/**
 * The intake's own statements, as the route runs them for an event alone, looped by pgbench with as many
 * clients as the intake phase had: the candidate webhooks, and the event with its deliveries in one
 * statement. Events per second. (The intake puts the events that arrive while its statement is under way
 * into its next one, lib/dispatch/event-batches.ts; pgbench gives each event a statement of its own.)
 * The rate limit's upsert is left out as the route leaves it out: a process draws a twentieth of a
 * second's worth at once (lib/api/rate-limit.ts), one upsert per 50,000 events at this bench's limit
 * (per 50 at the default 1,000/s).
 */
async function intakeStatements(databaseUrl, webhookIds, databaseName, seconds) {
  // pgbench reads ":name" as a variable anywhere in the text, so no colon may touch a letter.
  const sampleJson = JSON.stringify(SAMPLE).slice(1).replaceAll('":', '": ');
  const script = `\\set n random(1, 1000000000)
select id, prokey_filter, filters from webhooks where workspace_id = '${DEFAULT_WORKSPACE_ID}' and active = true and trigger_element = 'rsvp_answer' and "trigger" = 'create';
with input as (select * from json_to_recordset(json_build_array(json_build_object('id', uuid_v7(),
    'workspace_id', '${DEFAULT_WORKSPACE_ID}', 'trigger_element', 'rsvp_answer', 'trigger', 'create', 'prokey', null,
    'data', ('{"id": "' || :n || '", ${sampleJson}')::json, 'webhooks', '${JSON.stringify(webhookIds)}'::jsonb, 'key', null)))
  as i(id uuid, workspace_id uuid, trigger_element text, "trigger" text, prokey text, data json, webhooks jsonb, key text)),
event as (insert into events (id, workspace_id, trigger_element, "trigger", prokey, data)
  select id, workspace_id, trigger_element, "trigger", prokey, data from input returning id),
queued as (insert into deliveries (event_id, webhook_id, workspace_id)
  select event.id, w.id, w.workspace_id from input join event on event.id = input.id
  cross join lateral (select id, workspace_id from webhooks
    where id in (select value::uuid from jsonb_array_elements_text(input.webhooks))
      and workspace_id = input.workspace_id and active for key share) w
  returning event_id),
keyed as (insert into event_idempotency_keys (workspace_id, key, event_id, deliveries)
  select input.workspace_id, input.key, input.id, (select count(*) from queued where queued.event_id = input.id)::int
  from input join event on event.id = input.id where input.key is not null returning 1)
select input.id, (select count(*) from queued where queued.event_id = input.id)::int from input;
`;
  const file = path.join(tmpdir(), `hooksmith-bench-${databaseName}.sql`);
  await writeFile(file, script);
  try {
    const args = ["-n", "-M", "prepared", "-c", String(INTAKE_CONCURRENCY), "-j", "2"];
    args.push("-T", String(seconds), "-f", file, databaseUrl);
    const output = await new Promise((resolve, reject) =>
      execFile("pgbench", args, (error, stdout, stderr) =>
        error ? reject(new Error(`pgbench failed: ${error.message}\n${stderr}`)) : resolve(stdout),
      ),
    );
    const tps = /tps = ([\d.]+)/.exec(output);
    if (!tps) throw new Error(`no tps in pgbench's output:\n${output}`);
    return Number(tps[1]);
  } finally {
    await rm(file, { force: true });
  }
}
