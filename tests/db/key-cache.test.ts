import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { apiKeys, DEFAULT_WORKSPACE_ID } from "@/db/schema";
import { listenForKeyChanges } from "@/lib/keys/key-cache";
import { createKey, findLiveKey, revokeKey } from "@/lib/keys/keys";
import { databaseBackends, type OpenDatabase } from "../helpers/database-backends";

// An app process keeps the keys it has looked up, and forgets one as soon as anything could end its
// rights: a revocation here at once, one by another process (the second connection stands in for it on
// PostgreSQL) through the api_keys trigger's notification.

describe.each(databaseBackends())("the key cache on $name", ({ open }) => {
  let database: OpenDatabase;
  let stop: (() => Promise<void>) | null = null;
  const db = () => database.connection.db;
  const newKey = (name: string) =>
    createKey(db(), { kind: "api", scope: "read", workspaceId: DEFAULT_WORKSPACE_ID, name });
  // The prefix is not watched by the trigger: changing it behind the cache's back shows what is cached.
  const setPrefix = (id: string, prefix: string) =>
    db().update(apiKeys).set({ prefix }).where(eq(apiKeys.id, id));

  beforeAll(async () => {
    database = await open();
  });
  afterAll(async () => {
    await stop?.();
    await database.cleanup();
  });

  it("looks every key up in the database while the process does not listen for changes", async () => {
    const { key, token } = await newKey("uncached");
    expect(await findLiveKey(db(), token, "api")).toMatchObject({ id: key.id });
    await setPrefix(key.id, "changed");
    expect(await findLiveKey(db(), token, "api")).toMatchObject({ prefix: "changed" });
  });

  it("answers from the cache once listening, and forgets a key revoked here at once", async () => {
    stop = await listenForKeyChanges(database.connection);
    const { key, token } = await newKey("cached");
    expect(await findLiveKey(db(), token, "api")).toMatchObject({ id: key.id });
    await setPrefix(key.id, "behind-the-cache");
    expect(await findLiveKey(db(), token, "api")).toMatchObject({ id: key.id, prefix: key.prefix });
    expect(await findLiveKey(db(), token, "event")).toBeNull();

    await revokeKey(db(), DEFAULT_WORKSPACE_ID, key.id);
    expect(await findLiveKey(db(), token, "api")).toBeNull();
  });

  it("forgets a key revoked or deleted elsewhere when the database's notification arrives", async () => {
    const other = (await database.second()).db;
    const { key, token } = await newKey("revoked elsewhere");
    expect(await findLiveKey(db(), token, "api")).toMatchObject({ id: key.id });
    await other.update(apiKeys).set({ revoked_at: new Date() }).where(eq(apiKeys.id, key.id));
    await vi.waitFor(async () => expect(await findLiveKey(db(), token, "api")).toBeNull());

    const deleted = await newKey("deleted elsewhere");
    expect(await findLiveKey(db(), deleted.token, "api")).toMatchObject({ id: deleted.key.id });
    await other.delete(apiKeys).where(eq(apiKeys.id, deleted.key.id));
    await vi.waitFor(async () => expect(await findLiveKey(db(), deleted.token, "api")).toBeNull());
  });
});
