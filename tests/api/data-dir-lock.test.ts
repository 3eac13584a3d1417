import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runAdmin } from "../helpers/admin-cli.mjs";
import { createAppStorage, startApp } from "../helpers/app-process.mjs";
import { apiClient } from "./client";

const TOKEN = "lock-test-token-5e21a9c0";

// The lock guards the embedded database; with DATABASE_URL the data folder holds no database.
describe.skipIf(Boolean(process.env.DATABASE_URL))("the embedded database's data folder", () => {
  // Two app start-ups, the second waiting out the lock: slow on two busy cores.
  it("refuses a second app on the same folder with a clear error, and the first keeps serving", async () => {
    const storage = await createAppStorage();
    const { dataDir } = storage;
    const first = await startApp({ storage, env: { API_TOKEN: TOKEN } });
    try {
      const api = apiClient(first.baseUrl, TOKEN);
      const before = await api.post<{ id: string }>("/webhook", {
        name: "Before",
        payload_url: "https://crm.example.com/hooks",
        trigger_element: "rsvp_answer",
        trigger: "create",
      });
      expect(before.status).toBe(201);

      await expect(startApp({ storage, env: { API_TOKEN: TOKEN } })).rejects.toThrow(
        `[hooksmith] cannot start: DataDirLockedError: The data folder ${dataDir} is in use by another Hooksmith process.`,
      );

      const after = await api.post<{ id: string }>("/webhook", {
        name: "After",
        payload_url: "https://crm.example.com/hooks",
        trigger_element: "rsvp_answer",
        trigger: "update",
      });
      expect(after.status).toBe(201);
      expect((await api.get("/webhook/all")).body).toEqual({ ids: [after.body.id, before.body.id] });
    } finally {
      await first.stop();
      await storage.remove();
    }
  }, 90_000);

  // A holder that stops refreshing its lock (a stalled event loop: here, a stopped process) still holds
  // the folder: neither the admin CLI nor a second app may open it once the lock's time stamp is old.
  it("keeps the folder of a holder that stalled past the lock's stale time", async () => {
    const storage = await createAppStorage();
    const { dataDir } = storage;
    const first = await startApp({ storage, env: { API_TOKEN: TOKEN } });
    const lock = path.join(dataDir, "hooksmith.lock");
    const { pid } = JSON.parse(await readFile(`${lock}.holder`, "utf8")) as { pid: number };
    process.kill(pid, "SIGSTOP");
    try {
      await expect
        .poll(async () => Date.now() - (await stat(lock)).mtimeMs, { timeout: 60_000, interval: 1_000 })
        .toBeGreaterThan(12_000);
      const defaultWorkspace = "00000000-0000-4000-8000-000000000001"; // db/schema/workspaces.ts
      const cli = await runAdmin(storage, [
        "key",
        "create",
        "--workspace",
        defaultWorkspace,
        "--kind",
        "event",
      ]);
      expect(cli.code).toBe(1);
      expect(cli.stderr).toContain(
        `The embedded database in ${dataDir} is in use by a running Hooksmith app`,
      );
      await expect(startApp({ storage, env: { API_TOKEN: TOKEN } })).rejects.toThrow("DataDirLockedError");
    } finally {
      process.kill(pid, "SIGCONT");
    }
    try {
      const api = apiClient(first.baseUrl, TOKEN);
      expect((await api.get("/webhook/all")).status).toBe(200);
    } finally {
      await first.stop();
      await storage.remove();
    }
  }, 120_000);
});
