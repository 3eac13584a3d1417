// Starts the built app (scripts/server.mjs) and delivery workers (`npm run worker`) as real processes for API
// and browser tests.
import { execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { createTestDatabase } from "./test-database.mjs";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * How long a process may take to start (app, worker, the template's migrations). Seconds on an idle
 * machine, but more than a minute was seen with five suites on two cores; a start that takes longer is
 * a failure to report, not a test result.
 */
export const START_TIMEOUT_MS = Number(process.env.TEST_START_TIMEOUT_MS ?? 180_000);

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

const testData = path.join(root, ".test-data");

/**
 * The embedded database exactly as the first open of an empty data folder leaves it (created and migrated
 * by db/index.ts's connectDatabase, nothing else), made once per migration set and PGlite version and kept
 * in .test-data. Creating a PGlite database costs 2–5 s on two cores; copying this folder costs 0.2 s.
 * Tests of a first start on an empty folder (api-token) give DATA_DIR folders of their own.
 */
let pgliteTemplate;
function embeddedTemplate() {
  pgliteTemplate ??= makeEmbeddedTemplate().catch((error) => {
    pgliteTemplate = undefined;
    throw error;
  });
  return pgliteTemplate;
}

async function makeEmbeddedTemplate() {
  const migrations = path.join(root, "db", "migrations");
  const hash = createHash("sha256");
  hash.update(await readFile(path.join(root, "node_modules/@electric-sql/pglite/package.json")));
  for (const file of (await readdir(migrations, { recursive: true })).sort()) {
    const full = path.join(migrations, file);
    if ((await stat(full)).isFile()) hash.update(file).update(await readFile(full));
  }
  const name = `pglite-template-${hash.digest("hex").slice(0, 16)}`;
  const template = path.join(testData, name, "pglite");
  if (await stat(template).catch(() => null)) return template;

  await mkdir(testData, { recursive: true });
  // Built aside and renamed into place, so a process that sees the folder sees it whole.
  const building = await mkdtemp(path.join(testData, "pglite-building-"));
  try {
    await new Promise((resolve, reject) => {
      const script =
        'const { connectDatabase } = await import("./db/index.ts");' +
        "await (await connectDatabase({ dataDir: process.argv[1] })).close();";
      execFile(
        process.execPath,
        ["--conditions=react-server", "--import", "tsx", "--input-type=module", "-e", script, building],
        { cwd: root, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, timeout: START_TIMEOUT_MS },
        (error, stdout, stderr) =>
          error
            ? reject(new Error(`${error.message}${error.killed ? " (timed out)" : ""}\n${stdout}${stderr}`))
            : resolve(),
      );
    });
    await rename(building, path.join(testData, name)).catch(async (error) => {
      // Another test process made it first: theirs is as good as ours.
      if (!(await stat(template).catch(() => null))) throw error;
    });
  } finally {
    await rm(building, { recursive: true, force: true });
  }
  // Templates of older migration sets are of no further use.
  for (const entry of await readdir(testData)) {
    if (entry.startsWith("pglite-template-") && entry !== name) {
      await rm(path.join(testData, entry), { recursive: true, force: true });
    }
  }
  return template;
}

/**
 * A fresh data folder and, when DATABASE_URL is set, a fresh database of that PostgreSQL server:
 * what one app (and its workers) keeps its state in. `remove()` deletes both. On the embedded database
 * the folder starts with a new, migrated database in it (a copy of the template above).
 * `postgres: false` makes it an embedded one even when DATABASE_URL is set (the database tests' PGlite).
 * @param {{ embedded?: boolean, postgres?: boolean }} [options]
 */
export async function createAppStorage(options = {}) {
  await mkdir(testData, { recursive: true });
  const dataDir = await mkdtemp(path.join(testData, "app-"));
  let database = null;
  try {
    if (process.env.DATABASE_URL && options.postgres !== false) {
      database = await createTestDatabase(process.env.DATABASE_URL);
    } else if (options.embedded !== false) {
      await cp(await embeddedTemplate(), path.join(dataDir, "pglite"), { recursive: true });
    }
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    dataDir,
    databaseUrl: database?.url ?? null,
    async remove() {
      await database?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function storageEnv(storage) {
  return { DATA_DIR: storage.dataDir, DATABASE_URL: storage.databaseUrl ?? "" };
}

// Collects a child's output and reports its exit, for the helpers below.
function track(child) {
  let output = "";
  const listeners = new Set();
  const collect = (chunk) => {
    output += chunk;
    for (const listener of listeners) listener();
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  return {
    output: () => output,
    exited,
    // Resolves once the output contains `text`; rejects when the process exits first or after `timeoutMs`.
    waitForOutput(text, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!output.includes(text)) return;
          done();
          resolve();
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no "${text}" within ${timeoutMs} ms:\n${output}`));
        }, timeoutMs);
        const onExit = () => {
          done();
          reject(new Error(`process exited before printing "${text}":\n${output}`));
        };
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off("exit", onExit);
        };
        listeners.add(check);
        child.once("exit", onExit);
        check();
      });
    },
  };
}

async function ended(child, exited, signal) {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill(signal);
    await exited;
  }
}

/**
 * Runs the app on the embedded database in a fresh data folder, or, when DATABASE_URL is set,
 * on a fresh database of that PostgreSQL server; both are removed by `stop()`.
 * With `storage` (from `createAppStorage`), the app uses that instead and leaves it in place,
 * so another app or worker can use it next; the caller removes it.
 * @param {{ port?: number, env?: Record<string, string>, npmStart?: boolean, storage?: Awaited<ReturnType<typeof createAppStorage>> }} [options]
 */
export async function startApp(options = {}) {
  const port = options.port ?? (await freePort());
  // An app given a DATA_DIR of its own keeps its embedded database there: no copy of the template.
  const owned = options.storage ? null : await createAppStorage({ embedded: !options.env?.DATA_DIR });
  const storage = options.storage ?? owned;
  const env = {
    ...process.env,
    PORT: String(port),
    ...storageEnv(storage),
    ...options.env,
  };
  // `npmStart`: through scripts/start.mjs as `npm start` runs it (it builds first when sources changed);
  // otherwise the server it runs, on the build there is.
  const script = options.npmStart ? "scripts/start.mjs" : "scripts/server.mjs";
  const child = spawn(process.execPath, [path.join(root, script)], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const tracked = track(child);
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForReady(baseUrl, child, tracked.output);
  } catch (error) {
    await owned?.remove();
    throw error;
  }
  return {
    baseUrl,
    port,
    dataDir: storage.dataDir,
    databaseUrl: storage.databaseUrl,
    pid: child.pid,
    output: tracked.output,
    /** Ends the process with a signal (SIGKILL: a crash) and waits for it; keeps the storage. */
    async kill(signal = "SIGKILL") {
      await ended(child, tracked.exited, signal);
      return tracked.exited;
    },
    async stop() {
      await ended(child, tracked.exited, "SIGTERM");
      await owned?.remove();
    },
  };
}

async function waitForReady(baseUrl, child, output) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}:\n${output()}`);
    try {
      // The elements catalog needs the database to be open (start-up opens it first).
      const response = await fetch(`${baseUrl}/en/webhooks`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`app did not start within ${START_TIMEOUT_MS / 1000} s:\n${output()}`);
}

// The command behind `npm run <name>`, run without npm in between so signals reach the process itself.
function scriptCommand(name) {
  const { scripts } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  const [program, ...args] = scripts[name].split(/\s+/);
  if (program !== "node") throw new Error(`unexpected ${name} script: ${scripts[name]}`);
  return { program: process.execPath, args };
}

// Runs `npm run <name>` with this environment; resolves once it prints `ready`, with the process.
async function startScript(name, env, ready) {
  const { program, args } = scriptCommand(name);
  const child = spawn(program, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  const tracked = track(child);
  try {
    await tracked.waitForOutput(ready, START_TIMEOUT_MS);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return {
    pid: child.pid,
    output: tracked.output,
    /** Resolves with how the process ended. */
    exited: tracked.exited,
    /** Sends a signal without waiting: SIGKILL is a crash, SIGTERM a graceful stop. */
    signal(signal) {
      child.kill(signal);
    },
    async stop() {
      await ended(child, tracked.exited, "SIGTERM");
    },
  };
}

/**
 * Runs a delivery worker process (`npm run worker`) on an app's storage; resolves once it delivers.
 * @param {{ storage: { dataDir: string, databaseUrl: string | null }, env?: Record<string, string> }} options
 */
export function startWorker(options) {
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    ...storageEnv(options.storage),
    ...options.env,
  };
  return startScript("worker", env, "delivering from");
}

/**
 * Runs the intake process (`npm run intake`) on an app's storage (PostgreSQL) on a free port; resolves once
 * it takes events.
 * @param {{ storage: { dataDir: string, databaseUrl: string | null }, env?: Record<string, string> }} options
 */
export async function startIntake(options) {
  const port = await freePort();
  const env = {
    ...process.env,
    ...storageEnv(options.storage),
    INTAKE_PORT: String(port),
    HOSTNAME: "127.0.0.1",
    ...options.env,
  };
  return {
    ...(await startScript("intake", env, "intake taking events")),
    baseUrl: `http://127.0.0.1:${port}`,
  };
}

/**
 * Runs `npm run intake` as given and resolves with its exit and output, for a start that must fail.
 * @param {{ env: Record<string, string> }} options
 */
export async function runIntakeToExit(options) {
  const { program, args } = scriptCommand("intake");
  const child = spawn(program, args, {
    cwd: root,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const tracked = track(child);
  const exit = await tracked.exited;
  return { ...exit, output: tracked.output() };
}
