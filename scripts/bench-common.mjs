// What bench-dispatch.mjs and bench-soak.mjs share: a loopback receiver in its own process, a keep-alive
// HTTP client, CPU time of processes from /proc, and the app's first webhooks.
import { execFileSync, fork } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { createTestDatabase } from "../tests/helpers/test-database.mjs";

export const API_TOKEN = "bench-dispatch-api-token-0123";
export const INTERNAL_TOKEN = "bench-dispatch-internal-token-0123";
// The limits stay on (each request still takes from its bucket), only high enough not to answer 429.
export const APP_ENV = {
  API_TOKEN,
  INTERNAL_TOKEN,
  ALLOW_PRIVATE_TARGETS: "true",
  API_RATE_LIMIT: "1000000",
  EVENT_RATE_LIMIT: "1000000",
};
export const SAMPLE = {
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

// Ports, for a machine where several benches run side by side: BENCH_APP_PORT for the app (a free one if
// unset), BENCH_RECEIVER_PORT for the receiver (likewise; the forked receiver reads it from the environment).
export const APP_PORT = process.env.BENCH_APP_PORT ? Number(process.env.BENCH_APP_PORT) : undefined;
const RECEIVER_PORT = Number(process.env.BENCH_RECEIVER_PORT ?? 0);

/** Wall-clock milliseconds with sub-millisecond precision, comparable between processes of this machine. */
export const now = () => performance.timeOrigin + performance.now();
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A fresh database on the PostgreSQL server (DATABASE_URL, else the local one) and a data folder for the
 * built app; stops the bench when there is no build. `remove` drops both once the app has stopped.
 */
export async function openBenchStorage(prefix) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    console.error("No production build: run `npm run build` first.");
    process.exit(2);
  }
  const serverUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
  const database = await createTestDatabase(serverUrl);
  const sql = postgres(database.url, { max: 1, onnotice: () => {} });
  const storage = { dataDir: await mkdtemp(path.join(tmpdir(), prefix)), databaseUrl: database.url };
  return {
    database,
    sql,
    storage,
    async remove() {
      await sql.end();
      await database.drop();
      await rm(storage.dataDir, { recursive: true, force: true });
    },
  };
}

export function loadAverage() {
  return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).map(Number);
}

// ---- CPU time from /proc ----------------------------------------------------------------------------

const TICK_US = 1e6 / Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim() || 100);

function statOf(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces and parentheses: the fields start after the last ")".
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(fields[1]), cpuUs: (Number(fields[11]) + Number(fields[12])) * TICK_US };
  } catch {
    return null; // gone
  }
}

/** CPU time (user + system, µs) of each process: the pid and, with `tree`, everything it started. */
export function cpuOf(pids, { tree = false } = {}) {
  const wanted = new Set(pids.map(Number));
  const stats = new Map();
  if (tree) {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = statOf(entry);
      if (stat) stats.set(Number(entry), stat);
    }
    let grew = true;
    while (grew) {
      grew = false;
      for (const [pid, stat] of stats) {
        if (!wanted.has(pid) && wanted.has(stat.ppid)) {
          wanted.add(pid);
          grew = true;
        }
      }
    }
  }
  const result = new Map();
  for (const pid of wanted) {
    const stat = stats.get(pid) ?? statOf(pid);
    if (stat) result.set(pid, stat.cpuUs);
  }
  return result;
}

/**
 * A CPU meter over named groups of processes: `start()` then `stop()` gives µs of CPU per group in between.
 * Groups are functions returning pids (read at both ends, so PostgreSQL backends that connect meanwhile
 * count from zero); `self` is this process.
 */
export function cpuMeter(groups) {
  const read = async () => {
    const snapshot = {};
    for (const [name, group] of Object.entries(groups)) {
      if (group === "self") {
        const usage = process.cpuUsage();
        snapshot[name] = new Map([[process.pid, usage.user + usage.system]]);
      } else {
        const { pids, tree } = await group();
        snapshot[name] = cpuOf(pids, { tree });
      }
    }
    return snapshot;
  };
  let before;
  return {
    async start() {
      before = await read();
    },
    async stop() {
      const after = await read();
      const used = {};
      for (const name of Object.keys(groups)) {
        let total = 0;
        for (const [pid, us] of after[name]) total += us - (before[name].get(pid) ?? 0);
        used[name] = total;
      }
      return used;
    },
  };
}

/** The backends of one database (without the asking connection): what PostgreSQL spends on the app. */
export function backendsOf(sql, database) {
  return async () => {
    const rows = await sql`
      select pid from pg_stat_activity where datname = ${database} and pid <> pg_backend_pid()`;
    return { pids: rows.map((row) => row.pid), tree: false };
  };
}

// ---- HTTP -----------------------------------------------------------------------------------------

export function request(agent, method, url, body, headers = {}) {
  return send(agent, method, url, body, headers).catch((error) => {
    // The server closed a kept-alive connection just as it was reused (idle past its keep-alive
    // timeout between phases): nothing was answered, so it is sent once more on a new connection.
    if (error.code === "ECONNRESET" && error.reusedSocket) return send(agent, method, url, body, headers);
    throw error;
  });
}

function send(agent, method, url, body, headers) {
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
    req.on("error", (error) => reject(Object.assign(error, { reusedSocket: req.reusedSocket })));
    req.on("response", (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.end(payload);
  });
}

/** `concurrency` loops calling `once` until `seconds` are over; resolves with the calls made and the seconds. */
export async function closedLoop(concurrency, seconds, once) {
  let count = 0;
  const started = now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (now() - started < seconds * 1000) {
        await once();
        count += 1;
      }
    }),
  );
  return { count, seconds: (now() - started) / 1000 };
}

/**
 * Calls `once` `rate` times a second for `seconds` (open loop: a slow answer does not slow the offer),
 * and resolves with what the calls resolved with once all have answered.
 */
export async function openLoop(rate, seconds, once) {
  const total = Math.round(rate * seconds);
  const calls = [];
  const started = now();
  for (let index = 0; index < total; index += 1) {
    const wait = started + (index * 1000) / rate - now();
    if (wait > 1) await sleep(wait);
    calls.push(once());
  }
  const offeredRate = total / ((now() - started) / 1000);
  return { results: await Promise.all(calls), offeredRate };
}

export async function until(condition, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

// ---- the receiver -------------------------------------------------------------------------------

/**
 * Every request is read and its JSON parsed alike, so a raw POST costs the receiver what a delivery
 * costs. Counts per path prefix; for /lat it reports each arrival (element_data.id, time) and with
 * `distinct` it keeps the webhook-ids seen (retries count once).
 */
export function runReceiver({ distinct = process.argv.includes("--distinct") } = {}) {
  const counts = { raw: 0, fan: 0, lat: 0 };
  const seen = new Set();
  let arrivals = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => {
      const at = now();
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const kind = req.url.slice(1, 4);
      if (kind in counts) counts[kind] += 1;
      if (kind === "lat") arrivals.push([body.element_data.id, at]);
      if (distinct && kind !== "raw") seen.add(req.headers["webhook-id"]);
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
    });
  });
  server.keepAliveTimeout = 5000;
  server.listen(RECEIVER_PORT, "127.0.0.1", () =>
    process.send({ type: "ready", port: server.address().port }),
  );
  process.on("message", (message) => {
    if (message === "stop") server.close(() => process.exit(0));
    if (message === "snapshot") {
      process.send({ type: "snapshot", counts: { ...counts }, distinct: seen.size, arrivals });
      arrivals = [];
    }
  });
  process.on("disconnect", () => process.exit(0));
}

/** Forks `script --receiver` and resolves once it listens; `snapshot()` asks for its counts. */
export async function startReceiver(script, { distinct = false } = {}) {
  const args = distinct ? ["--receiver", "--distinct"] : ["--receiver"];
  const child = fork(fileURLToPath(script), args, { stdio: "inherit" });
  const waiting = [];
  const port = await new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`receiver exited with ${code}`)));
    child.on("message", (message) => {
      if (message.type === "ready") resolve(message.port);
      if (message.type === "snapshot") waiting.shift()?.(message);
    });
  });
  return {
    pid: child.pid,
    url: `http://127.0.0.1:${port}`,
    snapshot: () =>
      new Promise((resolve) => {
        waiting.push(resolve);
        child.send("snapshot");
      }),
    stop: () => child.send("stop"),
  };
}

export async function createWebhook(call, fields) {
  const response = await call(
    "POST",
    "/api/v1/webhook",
    { name: `bench ${fields.trigger}`, trigger_element: "rsvp_answer", ...fields },
    API_TOKEN,
  );
  if (response.status !== 201)
    throw new Error(`could not create a webhook: ${response.status} ${response.text}`);
  return JSON.parse(response.text);
}

export function percentile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
