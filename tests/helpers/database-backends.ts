import { type Connection, connectDatabase } from "@/db";
import { createTestDatabase } from "./test-database.mjs";

/** A migrated, empty database; `second` is another connection to it where the backend can have one. */
export type OpenDatabase = {
  connection: Connection;
  second: () => Promise<Connection>;
  cleanup: () => Promise<void>;
};

export type DatabaseBackend = { name: string; open: () => Promise<OpenDatabase> };

/**
 * Embedded PGlite in memory and, when DATABASE_URL is set, a fresh database on that PostgreSQL server:
 * unit tests run the same cases on both, the proof that the one db module behaves alike. On PostgreSQL a
 * second connection stands in for a second process; PGlite serves one process, so it is the same one.
 */
export function databaseBackends(): DatabaseBackend[] {
  const backends: DatabaseBackend[] = [
    {
      name: "PGlite (in memory)",
      open: async () => {
        const connection = await connectDatabase({ dataDir: null });
        return { connection, second: async () => connection, cleanup: () => connection.close() };
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
