import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const resolve = {
  alias: {
    "@": root,
    // `server-only` throws outside React's server build; tests run server code directly.
    "server-only": path.join(root, "tests/helpers/server-only.ts"),
  },
};

export default defineConfig({
  test: {
    projects: [
      {
        resolve,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          // Domain code encrypts stored secrets: a fixed key keeps unit tests from generating one into .data.
          env: { ENCRYPTION_KEY: "dW5pdC10ZXN0cy1vbmx5LWVuY3J5cHRpb24ta2V5LTA=" },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve,
        test: {
          name: "api",
          include: ["tests/api/**/*.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          // One app server per file; files in parallel would fight over two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
