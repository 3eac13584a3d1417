import "server-only";
import { type ChildProcess, spawn } from "node:child_process";
import packageJson from "@/package.json";

// On PostgreSQL the app's own worker runs in a child process (scripts/worker.ts, what `npm run worker`
// runs), not on the app's one JavaScript thread: bench:dispatch at 200 events/s, fan-out 10, measured that
// thread needing 1.37 cores for the intake and the deliveries together, so deliveries waited seconds (p99
// 6.4 s) and pages with them. In a process of its own the worker has a core of its own. It is woken by the
// app's NOTIFY like any worker, and ends with the app: on the app's SIGTERM it finishes its deliveries in
// flight, and if the app dies it notices the closed IPC channel and does the same. The embedded database
// serves one process, so there the worker stays in the app (in-app-worker.ts).

const RESTART_DELAY_MS = 1_000;

/**
 * What `npm run worker` runs (package.json is the one place that says it), without npm in between so
 * signals reach the worker itself: node's arguments, run from the app's folder.
 */
function workerArguments(): string[] {
  const [program, ...args] = packageJson.scripts.worker.split(/\s+/);
  if (program !== "node") throw new Error(`package.json's worker script does not run node: ${program}`);
  return args;
}

export type WorkerProcess = { stop(): Promise<void> };

const globalForProcess = globalThis as unknown as { hooksmithWorkerProcess?: WorkerProcess };

/** Starts the worker child process (once per app process), started again a second after it dies. */
export function startWorkerProcess(): WorkerProcess {
  globalForProcess.hooksmithWorkerProcess ??= superviseWorker();
  return globalForProcess.hooksmithWorkerProcess;
}

function superviseWorker(): WorkerProcess {
  let child: ChildProcess | null = null;
  let stopping = false;
  const spawnWorker = () => {
    const started = spawn(process.execPath, workerArguments(), {
      cwd: process.cwd(),
      env: process.env,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    child = started;
    started.once("exit", (code, signal) => {
      child = null;
      if (stopping) return;
      console.error(`[hooksmith] the worker process ended (${signal ?? `code ${code}`}); starting it again`);
      setTimeout(() => {
        if (!stopping) spawnWorker();
      }, RESTART_DELAY_MS).unref();
    });
  };
  spawnWorker();
  return {
    async stop() {
      stopping = true;
      const running = child;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => running.once("exit", () => resolve()));
      running.kill("SIGTERM");
      await exited;
    },
  };
}
