import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { ownerState } from "./tests/e2e/session";

// A fixed port so the web server and the tests agree; E2E_PORT moves it when 3217 is taken.
const port = Number(process.env.E2E_PORT ?? 3217);
const debianChromium = "/usr/bin/chromium";

export default defineConfig({
  testDir: "tests/e2e",
  // One app, one database: tests run one after the other.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 90_000,
  // Web-first waits: a set-up (scrypt) and its redirect took over 10 s with five suites on two cores.
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    viewport: { width: 1440, height: 1000 },
    // Debian's Chromium where it exists (never `playwright install` on our machines); Playwright's own elsewhere.
    launchOptions: existsSync(debianChromium)
      ? {
          executablePath: debianChromium,
          args: [
            "--no-sandbox",
            "--headless",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        }
      : {},
  },
  projects: [
    // Signs in once as the seeded owner (ADMIN_EMAIL in e2e-env.mjs); the specs start from that session.
    { name: "sign-in", testMatch: /\.setup\.ts$/, use: { browserName: "chromium" } },
    {
      name: "chromium",
      use: { browserName: "chromium", storageState: ownerState },
      dependencies: ["sign-in"],
    },
  ],
  webServer: {
    // Starts the built app (`npm run build` first) on a fresh data folder or a fresh PostgreSQL database.
    command: `node tests/e2e/serve.mjs ${port}`,
    url: `http://127.0.0.1:${port}/en/sign-in`,
    reuseExistingServer: false,
    // Template copy, two admin CLI batches and `next start`: seconds idle, minutes with five suites on two cores.
    timeout: 300_000,
    stdout: "pipe",
    stderr: "pipe",
    // SIGTERM lets serve.mjs drop its test database and data folder.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
