import { describe, expect, it } from "vitest";
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
});
