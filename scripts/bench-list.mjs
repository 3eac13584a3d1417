// How fast the webhook list and the workspace overview answer with a big history behind them, on PostgreSQL:
// 100 webhooks and 1,000,000 deliveries (100,000 events over the last 30 days, 10 deliveries each: mostly
// succeeded, some failed, a few pending; some webhooks failing, two switched off), seeded with one
// generate_series statement each. Then, signed in as the owner, GET /en/webhooks and /en/overview one after
// the other (`BENCH_REQUESTS` each, after a warm-up): the time to the whole HTML answer, p50/p95, beside
// the health aggregates alone (lib/health's statements, run directly). Target: p95 < 150 ms.
// Usage: npm run build && npm run bench:list   (DATABASE_URL: a server to create a fresh database on).
import { writeFileSync } from "node:fs";
import http from "node:http";
import { startApp } from "../tests/helpers/app-process.mjs";
import { ownerEnv, signInCookie } from "../tests/helpers/owner.mjs";
import {
  APP_ENV,
  APP_PORT,
  cpuOf,
  createWebhook,
  loadAverage,
  now,
  openBenchStorage,
  percentile,
  request,
} from "./bench-common.mjs";

const WEBHOOKS = 100;
const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const FAN_OUT = 10;
const DAYS = 30;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
const WARMUP = 10;
const DEFAULT_WORKSPACE_ID = "00000000-0000-4000-8000-000000000001";

const loadStart = loadAverage();
const { sql, storage, remove } = await openBenchStorage("hooksmith-bench-list-");
let app;
try {
  console.log(`load average at start: ${loadStart.join(" ")}`);
  app = await startApp({
    port: APP_PORT,
    storage,
    env: { ...APP_ENV, ...ownerEnv, WORKER_IN_APP: "false" },
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const call = (method, url, body, token) =>
    request(agent, method, `${app.baseUrl}${url}`, body, { authorization: `Bearer ${token}` });
  for (let index = 0; index < WEBHOOKS; index += 1) {
    await createWebhook(call, {
      name: `Bench webhook ${String(index).padStart(3, "0")}`,
      trigger: "create",
      payload_url: `https://receiver.example.com/hooks/${index}`,
    });
  }

  const seedStart = now();
  // Events evenly over the last 30 days; event n goes to webhooks n, n+10, … n+90 (mod 100). Webhooks whose
  // number ends in 7 fail a third of the time, the rest one in fifty; the newest deliveries are pending.
  await sql`
    insert into events (workspace_id, trigger_element, "trigger", data, received_at)
    select ${DEFAULT_WORKSPACE_ID}::uuid, 'rsvp_answer', 'create', json_build_object('id', 'bench-' || n),
      now() - ${DAYS} * interval '1 day' * (1 - n::float8 / ${EVENTS})
    from generate_series(1, ${EVENTS}) n`;
  await sql`
    with w as (select id, row_number() over (order by name) - 1 as k from webhooks),
    e as (select id, received_at, row_number() over (order by received_at) as n from events)
    insert into deliveries (event_id, webhook_id, workspace_id, status, attempts, last_response_status,
      last_error, created_at, completed_at, next_attempt_at)
    select e.id, w.id, ${DEFAULT_WORKSPACE_ID}::uuid, s.status, s.attempts,
      case s.status when 'succeeded' then 200 when 'failed' then 500 end,
      case s.status when 'failed' then 'HTTP 500' end,
      e.received_at, case when s.status <> 'pending' then e.received_at end, e.received_at
    from e
    join w on w.k % ${FAN_OUT} = e.n % ${FAN_OUT}
    cross join lateral (select case
      when e.received_at > now() - interval '2 minutes' then 'pending'
      when w.k % 10 = 7 and (e.n / 10) % 3 = 0 then 'failed'
      when (e.n / 10) % 50 = 0 then 'failed'
      else 'succeeded' end as status) s0
    cross join lateral (select s0.status, case s0.status when 'pending' then 0 else 1 end as attempts) s`;
  await sql`update webhooks set failing_since = now() - interval '3 hours' where name like 'Bench webhook %7'`;
  await sql`update webhooks set active = false, disabled_reason = 'gone'
    where name in ('Bench webhook 001', 'Bench webhook 002')`;
  await sql`vacuum analyze events`;
  await sql`vacuum analyze deliveries`;
  await sql`analyze webhooks`;
  const [{ count }] = await sql`select count(*)::int as count from deliveries`;
  console.log(
    `seeded ${WEBHOOKS} webhooks, ${EVENTS} events, ${count} deliveries in ${((now() - seedStart) / 1000).toFixed(1)} s`,
  );

  const cookie = await signInCookie(app.baseUrl);
  const page = async (path) => {
    const started = now();
    const response = await request(agent, "GET", `${app.baseUrl}${path}`, undefined, { cookie });
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
    return now() - started;
  };
  // The health statements alone, as lib/health/queries.ts runs them for the list and the overview.
  const since = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 23 * 3_600_000).toISOString();
  const aggregates = async () => {
    const started = now();
    await sql`select webhook_id, date_bin(interval '1 hour', created_at, ${since}::timestamptz),
        count(*) filter (where status = 'succeeded')::int,
        count(*) filter (where status = 'failed' or (status in ('pending', 'cancelled') and attempts > 0))::int,
        count(*)::int
      from deliveries where workspace_id = ${DEFAULT_WORKSPACE_ID} and is_test = false
        and created_at >= ${since}::timestamptz group by 1, 2`;
    return now() - started;
  };

  const figures = { webhooks: WEBHOOKS, deliveries: count };
  // The answers' size: the list's HTML grows with every row, and its bytes cost server time too.
  for (const [key, path] of [
    ["list_html_kb", "/en/webhooks"],
    ["overview_html_kb", "/en/overview"],
  ]) {
    const response = await request(agent, "GET", `${app.baseUrl}${path}`, undefined, { cookie });
    figures[key] = Number((Buffer.byteLength(response.text) / 1024).toFixed(1));
    if (process.env.BENCH_SAVE_HTML)
      writeFileSync(`${process.env.BENCH_SAVE_HTML}-${key}.html`, response.text);
  }
  console.log(`HTML: list ${figures.list_html_kb} kB, overview ${figures.overview_html_kb} kB`);
  // Beside the wall times, the app's CPU time per answer: on a busy machine the wall times grow with the
  // load, the CPU time much less, so it is the figure to compare between runs.
  const appCpuUs = () => [...cpuOf([app.pid], { tree: true }).values()].reduce((sum, us) => sum + us, 0);
  const measure = async (label, key, once, { appCpu = true } = {}) => {
    for (let index = 0; index < WARMUP; index += 1) await once();
    const times = [];
    const cpuBefore = appCpuUs();
    for (let index = 0; index < REQUESTS; index += 1) times.push(await once());
    const cpuMs = Number(((appCpuUs() - cpuBefore) / 1000 / REQUESTS).toFixed(1));
    times.sort((a, b) => a - b);
    const p50 = Number(percentile(times, 0.5).toFixed(1));
    const p95 = Number(percentile(times, 0.95).toFixed(1));
    figures[key] = { p50_ms: p50, p95_ms: p95, ...(appCpu ? { app_cpu_ms: cpuMs } : {}) };
    const cpuText = appCpu ? `, app CPU ${cpuMs} ms each` : "";
    console.log(
      `${label.padEnd(40)}p50 ${p50} ms, p95 ${p95} ms${cpuText}  [load ${loadAverage().join(" ")}]`,
    );
  };
  await measure("GET /en/webhooks (whole HTML):", "list", () => page("/en/webhooks"));
  await measure("GET /en/overview (whole HTML):", "overview", () => page("/en/overview"));
  await measure("24 h aggregate statement alone:", "aggregate", aggregates, { appCpu: false });
  figures.load_avg = { start: loadStart, end: loadAverage() };
  console.log(JSON.stringify(figures));
} finally {
  await app?.stop();
  await remove();
}
