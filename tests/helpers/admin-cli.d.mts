export type AdminResult = { code: number; stdout: string; stderr: string; lastLine: string };

export type AdminBatchResult = { code: number; stdout: string; stderr: string; outputs: string[] };

type Storage = { dataDir: string; databaseUrl: string | null };

export function runAdmin(storage: Storage, args: string[]): Promise<AdminResult>;

export function admin(storage: Storage, args: string[]): Promise<string>;

export function runAdminBatch(storage: Storage, input: string): Promise<AdminBatchResult>;

export function adminBatch(storage: Storage, commands: string[][]): Promise<string[]>;
