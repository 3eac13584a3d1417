// Starts the built app (`next start`) and delivery workers (`npm run worker`) as real processes for API
// and browser tests.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { createTestDatabase } from "./test-database.mjs";

const root = path.resolve(import.meta.dirname, "../..");

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

/**
 * A fresh data folder and, when DATABASE_URL is set, a fresh database of that PostgreSQL server:
 * what one app (and its workers) keeps its state in. `remove()` deletes both.
 */
export async function createAppStorage() {
  await mkdir(path.join(root, ".test-data"), { recursive: true });
  const dataDir = await mkdtemp(path.join(root, ".test-data", "app-"));
  let database = null;
  try {
    database = process.env.DATABASE_URL ? await createTestDatabase(process.env.DATABASE_URL) : null;
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
 * @param {{ port?: number, env?: Record<string, string>, storage?: Awaited<ReturnType<typeof createAppStorage>> }} [options]
 */
export async function startApp(options = {}) {
  const port = options.port ?? (await freePort());
  const owned = options.storage ? null : await createAppStorage();
  const storage = options.storage ?? owned;
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    // As `npm start` runs it: the app handles SIGTERM itself and finishes deliveries in flight.
    NEXT_MANUAL_SIG_HANDLE: "true",
    PORT: String(port),
    ...storageEnv(storage),
    ...options.env,
  };
  const child = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(port)], {
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
  const deadline = Date.now() + 60_000;
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
  throw new Error(`app did not start within 60 s:\n${output()}`);
}

// The command behind `npm run worker`, run without npm in between so signals reach the worker itself.
function workerCommand() {
  const { scripts } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  const [program, ...args] = scripts.worker.split(/\s+/);
  if (program !== "node") throw new Error(`unexpected worker script: ${scripts.worker}`);
  return { program: process.execPath, args };
}

/**
 * Runs a delivery worker process (`npm run worker`) on an app's storage; resolves once it delivers.
 * @param {{ storage: { dataDir: string, databaseUrl: string | null }, env?: Record<string, string> }} options
 */
export async function startWorker(options) {
  const { program, args } = workerCommand();
  const child = spawn(program, args, {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...storageEnv(options.storage), ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const tracked = track(child);
  try {
    await tracked.waitForOutput("delivering from", 60_000);
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
