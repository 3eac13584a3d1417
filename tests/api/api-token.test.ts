import { mkdir, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp } from "../helpers/app-process.mjs";
import { apiClient } from "./client";

const root = path.resolve(import.meta.dirname, "../..");
let dataDir: string;

beforeAll(async () => {
  await mkdir(path.join(root, ".test-data"), { recursive: true });
  // Our own folder, so it outlives one app process and the next one finds the stored token.
  dataDir = await mkdtemp(path.join(root, ".test-data", "token-"));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("the API token", () => {
  it("is generated at the first start without API_TOKEN, stored in the data folder and printed once", async () => {
    const file = path.join(dataDir, "api-token");
    const first = await startApp({ env: { DATA_DIR: dataDir, API_TOKEN: "" } });
    let token: string;
    try {
      token = (await readFile(file, "utf8")).trim();
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(first.output()).toContain(`[hooksmith] API token: ${token} (stored in ${file})`);

      const api = apiClient(first.baseUrl, token);
      expect((await api.get("/webhook/all")).status).toBe(200);
      expect((await api.get("/webhook/all", { headers: { authorization: token } })).status).toBe(200);
      expect((await api.get("/webhook/all", { token: `${token.slice(0, -1)}x` })).status).toBe(401);
    } finally {
      await first.stop();
    }

    // The next start reads the stored token back and does not print it again.
    const second = await startApp({ env: { DATA_DIR: dataDir, API_TOKEN: "" } });
    try {
      expect(second.output()).toContain(`[hooksmith] API token read from ${file}`);
      expect(second.output()).not.toContain(token);
      expect((await apiClient(second.baseUrl, token).get("/webhook/all")).status).toBe(200);
    } finally {
      await second.stop();
    }

    // API_TOKEN, when set, is the only token accepted.
    const configured = "configured-token-9f27c4d1";
    const third = await startApp({ env: { DATA_DIR: dataDir, API_TOKEN: configured } });
    try {
      expect((await apiClient(third.baseUrl, configured).get("/webhook/all")).status).toBe(200);
      expect((await apiClient(third.baseUrl, token).get("/webhook/all")).status).toBe(401);
      expect(third.output()).not.toContain(token);
      expect((await readFile(file, "utf8")).trim()).toBe(token);
    } finally {
      await third.stop();
    }
  });
});
