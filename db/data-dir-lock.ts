import { readFile, rm, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";

// PGlite takes no lock of its own, and two processes writing one folder corrupt it. proper-lockfile keeps
// a lock directory fresh while we live, and a crashed holder's lock goes stale in 10 s. Staleness alone is
// not enough: a holder whose event loop stalls past the stale time (seen on two loaded cores) stops
// refreshing the lock for good, and a second process would then take a folder that is still in use. So
// the holder also writes who it is beside the lock, and a folder whose holder still runs on this machine
// is never taken, however old the lock's time stamp.

export class DataDirLockedError extends Error {
  constructor(dataDir: string) {
    super(
      `The data folder ${dataDir} is in use by another Hooksmith process. ` +
        "The embedded database can be opened by one process only: stop the other process, " +
        "or set DATA_DIR to another folder (or DATABASE_URL to share a PostgreSQL server).",
    );
    this.name = "DataDirLockedError";
  }
}

const lockPath = (dataDir: string) => path.join(dataDir, "hooksmith.lock");
const holderPath = (dataDir: string) => path.join(dataDir, "hooksmith.lock.holder");
const LOCK_STALE_MS = 10_000;

type Holder = { pid: number; host: string; started: string | null };

/** When a process started (Linux's /proc), so a dead holder's reused PID is not taken for the holder. */
async function processStart(pid: number): Promise<string | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    // Field 22 (starttime) counts from the field after the command's closing parenthesis as field 3.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as { code?: string }).code === "EPERM";
  }
}

/** Whether the process recorded as the folder's holder still runs on this machine. */
async function holderRuns(dataDir: string): Promise<boolean> {
  let holder: Holder;
  try {
    holder = JSON.parse(await readFile(holderPath(dataDir), "utf8")) as Holder;
  } catch {
    return false;
  }
  // Another machine's process (a shared folder) cannot be asked: the lock's time stamp decides.
  if (holder.host !== hostname() || !Number.isInteger(holder.pid) || !isRunning(holder.pid)) return false;
  const started = await processStart(holder.pid);
  return holder.started === null || started === null || started === holder.started;
}

/**
 * Whether a live process holds the data folder now, without waiting for it (connectDatabase waits a
 * while, for a crashed holder's lock to go stale): the admin CLI refuses at once.
 */
export async function dataDirInUse(dataDir: string): Promise<boolean> {
  if (await holderRuns(dataDir)) return true;
  const lockfile = await import("proper-lockfile");
  try {
    return await lockfile.check(dataDir, { lockfilePath: lockPath(dataDir), stale: LOCK_STALE_MS });
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return false;
    throw error;
  }
}

/** Takes the data folder for this process; resolves to the function that gives it back. */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  if (await holderRuns(dataDir)) throw new DataDirLockedError(dataDir);
  const lockfile = await import("proper-lockfile");
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, {
      lockfilePath: lockPath(dataDir),
      stale: LOCK_STALE_MS,
      update: 2_000,
      retries: { retries: 6, minTimeout: 2_000, maxTimeout: 2_000, factor: 1 },
      // The holder file keeps others out even when the time stamp can no longer be refreshed.
      onCompromised: (error) => {
        console.error(`[hooksmith] could not refresh the lock on ${dataDir}: ${error.message}`);
      },
    });
  } catch (error) {
    if ((error as { code?: string }).code === "ELOCKED") throw new DataDirLockedError(dataDir);
    throw error;
  }
  const holder: Holder = { pid: process.pid, host: hostname(), started: await processStart(process.pid) };
  await writeFile(holderPath(dataDir), JSON.stringify(holder));
  return async () => {
    await rm(holderPath(dataDir), { force: true });
    await release().catch(() => {});
  };
}
