export type AdminResult = { code: number; stdout: string; stderr: string; lastLine: string };

type Storage = { dataDir: string; databaseUrl: string | null };

export function runAdmin(storage: Storage, args: string[]): Promise<AdminResult>;

export function admin(storage: Storage, args: string[]): Promise<string>;
