import path from "node:path";
import { defineConfig } from "vitest/config";
import { SHARED_FILES } from "./tests/helpers/shared-app-files";

const root = import.meta.dirname;
const resolve = {
  alias: {
    "@": root,
    // `server-only` throws outside React's server build; tests run server code directly.
    "server-only": path.join(root, "tests/helpers/server-only.ts"),
  },
};
// Domain code encrypts stored secrets: a fixed key keeps tests from generating one into .data.
const env = { ENCRYPTION_KEY: "dW5pdC10ZXN0cy1vbmx5LWVuY3J5cHRpb24ta2V5LTA=" };
const sharedAppFiles = SHARED_FILES.map((file) => `tests/api/${file}.test.ts`);

export default defineConfig({
  test: {
    projects: [
      {
        resolve,
        // Pure functions: no database, no process, milliseconds per file.
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], env, testTimeout: 30_000 },
      },
      {
        resolve,
        // Domain code on a real database: PGlite in memory, and PostgreSQL too when DATABASE_URL is set.
        test: {
          name: "db",
          include: ["tests/db/**/*.test.ts"],
          env,
          testTimeout: 30_000,
          // Opening a database is seconds, but more than a minute was seen with five suites on two cores.
          hookTimeout: 180_000,
        },
      },
      {
        resolve,
        // The REST API and delivery through one app per run (so per database), started by the global
        // set-up; each file acts in a workspace of its own.
        test: {
          name: "api",
          include: sharedAppFiles,
          globalSetup: ["tests/helpers/shared-app.ts"],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          // One file at a time: the delivery tests bound latencies, which a second file's load would blur.
          fileParallelism: false,
        },
      },
      {
        resolve,
        // Files that test start-up itself or need settings of their own start their own apps.
        test: {
          name: "startup",
          include: ["tests/api/**/*.test.ts"],
          exclude: sharedAppFiles,
          // Tests here run the CLI and start processes: a few seconds each idle, ten times that under load.
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One app server per file; files in parallel would fight over two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
