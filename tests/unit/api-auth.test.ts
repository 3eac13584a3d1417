import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/db";
import { DEFAULT_WORKSPACE_ID } from "@/db/schema";
import { KEY_CACHE_MS, liveKey } from "@/lib/api/auth";
import { createKey, revokeKeyByToken } from "@/lib/keys/keys";
import { databaseBackends, type OpenDatabase } from "../helpers/database-backends";

// Keys found live are remembered per process for a few seconds; time is passed in, so nothing waits.
describe.each(databaseBackends())("workspace keys remembered by the API on $name", ({ open }) => {
  let database: OpenDatabase;
  let db: Connection["db"];
  beforeAll(async () => {
    database = await open();
    db = database.connection.db;
  });
  afterAll(() => database?.cleanup());

  const make = async (expiresAt: Date | null = null) =>
    (
      await createKey(db, {
        workspaceId: DEFAULT_WORKSPACE_ID,
        name: "k",
        kind: "api",
        scope: "read",
        expiresAt,
      })
    ).token;

  it("honours a revocation elsewhere within the cache time, and at once for a key not yet used here", async () => {
    const now = Date.now();
    const token = await make();
    expect((await liveKey(db, token, "api", now))?.scope).toBe("read");
    // Revoked by another process (the admin CLI, say): still known here for a moment, then refused.
    await revokeKeyByToken(db, token);
    expect(await liveKey(db, token, "api", now + 1_000)).not.toBeNull();
    expect(await liveKey(db, token, "api", now + KEY_CACHE_MS)).toBeNull();
    expect(await liveKey(db, token, "api", now + 1_000)).toBeNull();

    const unused = await make();
    await revokeKeyByToken(db, unused);
    expect(await liveKey(db, unused, "api", now)).toBeNull();
  });

  it("does not remember a key past its expiry, nor for a token of the other kind", async () => {
    const now = Date.now();
    const token = await make(new Date(now + 2_000));
    expect(await liveKey(db, token, "api", now)).not.toBeNull();
    expect(await liveKey(db, token, "event", now)).toBeNull();
    // Revoked meanwhile, so the database refuses it: remembered only until it expires, not 5 s.
    await revokeKeyByToken(db, token);
    expect(await liveKey(db, token, "api", now + 1_000)).not.toBeNull();
    expect(await liveKey(db, token, "api", now + 2_001)).toBeNull();
  });
});
