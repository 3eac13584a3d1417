export type AppStorage = {
  dataDir: string;
  /** A database of its own on the server in DATABASE_URL, or null on the embedded database. */
  databaseUrl: string | null;
  remove(): Promise<void>;
};

export type RunningApp = {
  baseUrl: string;
  port: number;
  dataDir: string;
  databaseUrl: string | null;
  pid: number | undefined;
  output(): string;
  /** Ends the process with a signal (default SIGKILL) and waits for it; keeps the storage. */
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
};

export type RunningWorker = {
  pid: number | undefined;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  signal(signal: NodeJS.Signals): void;
  stop(): Promise<void>;
};

export function freePort(): Promise<number>;

/** `postgres: false`: an embedded database even when DATABASE_URL is set. */
export function createAppStorage(options?: { embedded?: boolean; postgres?: boolean }): Promise<AppStorage>;

export function startApp(options?: {
  port?: number;
  env?: Record<string, string>;
  /** Start through scripts/start.mjs (`npm start`) instead of `next start`. */
  npmStart?: boolean;
  storage?: Pick<AppStorage, "dataDir" | "databaseUrl">;
}): Promise<RunningApp>;

export function startWorker(options: {
  storage: Pick<AppStorage, "dataDir" | "databaseUrl">;
  env?: Record<string, string>;
}): Promise<RunningWorker>;
export const START_TIMEOUT_MS: number;

export type RunningIntake = {
  baseUrl: string;
  pid: number | undefined;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
};

/** `npm run intake` on the storage's PostgreSQL database, on a free port. */
export function startIntake(options: {
  storage: Pick<AppStorage, "dataDir" | "databaseUrl">;
  env?: Record<string, string>;
}): Promise<RunningIntake>;

/** `npm run intake` with this environment, to its exit (a start that must fail). */
export function runIntakeToExit(options: {
  env: Record<string, string>;
}): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
