import "server-only";
import { type Connection, connectDatabase, type Database } from "@/db";
import { prepareStoredSecrets } from "@/lib/crypto/stored-secrets";
import { env } from "@/lib/env";

export type { Database } from "@/db";

// Next evaluates modules several times in one process (instrumentation, pages, route handlers),
// so the one connection lives on globalThis.
const globalForDb = globalThis as unknown as { hooksmithConnection?: Promise<Connection> };

export function getConnection(): Promise<Connection> {
  if (!globalForDb.hooksmithConnection) {
    const { DATABASE_URL, dataDir } = env();
    // Before anything reads the database: check the encryption key and encrypt what an earlier version
    // stored as plaintext (lib/crypto/stored-secrets.ts).
    const opening = connectDatabase(DATABASE_URL ? { databaseUrl: DATABASE_URL } : { dataDir }).then(
      async (connection) => {
        try {
          await prepareStoredSecrets(connection.db);
        } catch (error) {
          await connection.close();
          throw error;
        }
        return connection;
      },
    );
    // A failed start must not poison the process: the next call tries again.
    opening.catch(() => {
      globalForDb.hooksmithConnection = undefined;
    });
    globalForDb.hooksmithConnection = opening;
  }
  return globalForDb.hooksmithConnection;
}

export async function getDb(): Promise<Database> {
  return (await getConnection()).db;
}
