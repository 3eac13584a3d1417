export type RunningApp = {
  baseUrl: string;
  port: number;
  dataDir: string;
  databaseUrl: string | null;
  output(): string;
  stop(): Promise<void>;
};

export function freePort(): Promise<number>;

export function startApp(options?: { port?: number; env?: Record<string, string> }): Promise<RunningApp>;
