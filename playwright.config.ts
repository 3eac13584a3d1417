import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { ownerStateFor } from "./tests/e2e/session";

// Two lanes, each an app of its own on its own database (and port: E2E_PORT, and 100 above it), each
// running its share of the spec files one after the other. The specs of one lane share its default
// workspace as they always did; the two lanes share nothing, so they run side by side. E2E_LANES=1 puts
// every spec in one lane (one app), as before.
const firstPort = Number(process.env.E2E_PORT ?? 3217);
const laneCount = process.env.E2E_LANES === "1" ? 1 : 2;
// Lane 0's files, chosen so the lanes take about as long (the rest, and any new spec, run in lane 1).
const laneZeroFiles = /(webhooks|sign-in|not-found|invite|a11y|responsive|header|icons)\.spec\.ts$/;
const lanes = Array.from({ length: laneCount }, (_, index) => {
  const port = firstPort + 100 * index;
  return { index, port, baseURL: `http://127.0.0.1:${port}` };
});
const debianChromium = "/usr/bin/chromium";

export default defineConfig({
  testDir: "tests/e2e",
  // One worker per lane (see projects): within a lane, specs run one after the other.
  workers: laneCount,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 90_000,
  // Web-first waits: a set-up (scrypt) and its redirect took over 10 s with five suites on two cores.
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
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
  projects: lanes.flatMap(({ index, baseURL }) => [
    // Signs in once per lane as the seeded owner (ADMIN_EMAIL in e2e-env.mjs); the lane's specs start
    // from that session.
    {
      name: `sign-in-${index}`,
      testMatch: /\.setup\.ts$/,
      use: { browserName: "chromium", baseURL },
    },
    {
      name: `lane-${index}`,
      testMatch: laneCount > 1 && index === 0 ? laneZeroFiles : /\.spec\.ts$/,
      testIgnore: laneCount > 1 && index === 1 ? laneZeroFiles : [],
      use: { browserName: "chromium", baseURL, storageState: ownerStateFor(baseURL) },
      dependencies: [`sign-in-${index}`],
      workers: 1,
    },
  ]),
  webServer: lanes.map(({ port, baseURL }) => ({
    // Starts the built app (`npm run build` first) on a fresh data folder or a fresh PostgreSQL database.
    command: `node tests/e2e/serve.mjs ${port}`,
    url: `${baseURL}/en/sign-in`,
    reuseExistingServer: false,
    // Template copy, two admin CLI batches and `next start`: seconds idle, minutes with five suites on two cores.
    timeout: 300_000,
    stdout: "pipe" as const,
    stderr: "pipe" as const,
    // SIGTERM lets serve.mjs drop its test database and data folder.
    gracefulShutdown: { signal: "SIGTERM" as const, timeout: 15_000 },
  })),
});
