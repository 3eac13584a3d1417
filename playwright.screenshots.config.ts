import { defineConfig } from "@playwright/test";
import base from "./playwright.config";
import { ownerStateFor } from "./tests/e2e/session";

// `npm run screenshots`: the e2e suite's app (built first with `npm run build`, served by tests/e2e/serve.mjs
// on a fresh database) with a few webhooks and deliveries, photographed at a phone's and a laptop's width in
// English and German into screenshots/ (git-ignored).
// The first lane's app alone (playwright.config.ts runs two).
const [server] = [base.webServer ?? []].flat();
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT ?? 3217}`;

export default defineConfig({
  ...base,
  workers: 1,
  webServer: server,
  reporter: "list",
  projects: [
    {
      name: "sign-in",
      testDir: "tests/e2e",
      testMatch: /sign-in\.setup\.ts$/,
      use: { browserName: "chromium", baseURL },
    },
    {
      name: "screenshots",
      testDir: "tests/screenshots",
      use: { browserName: "chromium", baseURL, storageState: ownerStateFor(baseURL) },
      dependencies: ["sign-in"],
    },
  ],
});
