import { defineConfig } from "@playwright/test";
import base from "./playwright.config";
import { ownerState } from "./tests/e2e/session";

// `npm run screenshots`: the e2e suite's app (built first with `npm run build`, served by tests/e2e/serve.mjs
// on a fresh database) with a few webhooks and deliveries, photographed at a phone's and a laptop's width in
// English and German into screenshots/ (git-ignored).
export default defineConfig({
  ...base,
  reporter: "list",
  projects: [
    {
      name: "sign-in",
      testDir: "tests/e2e",
      testMatch: /sign-in\.setup\.ts$/,
      use: { browserName: "chromium" },
    },
    {
      name: "screenshots",
      testDir: "tests/screenshots",
      use: { browserName: "chromium", storageState: ownerState },
      dependencies: ["sign-in"],
    },
  ],
});
