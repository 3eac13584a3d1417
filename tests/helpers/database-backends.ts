import { type Connection, connectDatabase } from "@/db";
import { createAppStorage } from "./app-process.mjs";
import { createTestDatabase } from "./test-database.mjs";

/** A migrated, empty database; `second` is another connection to it where the backend can have one. */
export type OpenDatabase = {
  connection: Connection;
  second: () => Promise<Connection>;
  cleanup: () => Promise<void>;
};

export type DatabaseBackend = { name: string; open: () => Promise<OpenDatabase> };

/**
 * Embedded PGlite (in a data folder copied from a migrated template: creating a database costs seconds of
 * CPU, the copy a fraction of one) and, when DATABASE_URL is set, a fresh database on that PostgreSQL server:
 * unit tests run the same cases on both, the proof that the one db module behaves alike. On PostgreSQL a
 * second connection stands in for a second process; PGlite serves one process, so it is the same one.
 */
export function databaseBackends(): DatabaseBackend[] {
  const backends: DatabaseBackend[] = [
    {
      name: "PGlite",
      open: async () => {
        const storage = await createAppStorage({ postgres: false });
        const connection = await connectDatabase({ dataDir: storage.dataDir });
        return {
          connection,
          second: async () => connection,
          cleanup: async () => {
            await connection.close();
            await storage.remove();
          },
        };
      },
    },
  ];
  const postgresUrl = process.env.DATABASE_URL;
  if (!postgresUrl) return backends;
  backends.push({
    name: "PostgreSQL",
    open: async () => {
      const database = await createTestDatabase(postgresUrl);
      const connection = await connectDatabase({ databaseUrl: database.url });
      let other: Connection | null = null;
      return {
        connection,
        second: async () => {
          other ??= await connectDatabase({ databaseUrl: database.url });
          return other;
        },
        cleanup: async () => {
          await other?.close();
          await connection.close();
          await database.drop();
        },
      };
    },
  });
  return backends;
}
