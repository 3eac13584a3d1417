import "server-only";
import type { PGlite } from "@electric-sql/pglite";
import type { Sql } from "postgres";
import type { Connection } from "@/db";
import type { KeyKind } from "@/db/schema";

// The keys an app process has looked up, by token hash, so a request with a key costs no database round
// trip. Only a process that listens for key changes caches (the app, from instrumentation.ts): the
// api_keys trigger (migration 0009) notifies every process on the database at the commit of anything that
// could end a key's rights, whoever made it (the app, the admin CLI, a workspace deleted with its keys);
// this process forgets its own revocations at once too. A notification lost with a dropped connection is
// covered by forgetting everything when listening starts again, and no entry lives longer than MAX_AGE_MS.
export const KEY_CHANNEL = "hooksmith_keys";
const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 10_000;

type Entry<V> = { value: V; kind: KeyKind; expiresAt: number | null; cachedAt: number; usedAt: number };
type Cache = {
  listening: boolean;
  entries: Map<string, Entry<unknown>>;
  /** Moves on with every change heard: a lookup that started before one is not cached. */
  generation: number;
};
const globalForKeys = globalThis as unknown as { hooksmithKeyCache?: Cache };

function cache(): Cache {
  globalForKeys.hooksmithKeyCache ??= { listening: false, entries: new Map(), generation: 0 };
  return globalForKeys.hooksmithKeyCache;
}

/** The live key cached for this hash and kind, and whether its last use should be written now. */
export function cachedKey<V>(
  hash: string,
  kind: KeyKind,
  now = Date.now(),
): { value: V; markUse: boolean } | null {
  const entry = cache().entries.get(hash) as Entry<V> | undefined;
  if (!entry) return null;
  if (
    entry.kind !== kind ||
    now - entry.cachedAt >= MAX_AGE_MS ||
    (entry.expiresAt !== null && entry.expiresAt <= now)
  ) {
    cache().entries.delete(hash);
    return null;
  }
  // last_used_at is written at most once a minute per key (see findLiveKey).
  const markUse = now - entry.usedAt >= 60_000;
  if (markUse) entry.usedAt = now;
  return { value: entry.value, markUse };
}

/** The generation to hand to rememberKey once the lookup has answered. */
export function keyGeneration(): number {
  return cache().generation;
}

export function rememberKey<V>(
  hash: string,
  kind: KeyKind,
  value: V,
  expiresAt: Date | null,
  generation: number,
  now = Date.now(),
) {
  const state = cache();
  if (!state.listening || state.generation !== generation) return;
  if (state.entries.size >= MAX_ENTRIES) state.entries.clear();
  state.entries.set(hash, {
    value,
    kind,
    expiresAt: expiresAt?.getTime() ?? null,
    cachedAt: now,
    usedAt: now,
  });
}

/** Forgets one key (by its token hash), or every key. */
export function forgetKeys(hash?: string) {
  const state = cache();
  state.generation += 1;
  if (hash === undefined) state.entries.clear();
  else state.entries.delete(hash);
}

/**
 * Listens for the api_keys trigger's notifications and turns the cache on; resolves with a function that
 * stops (and turns it off). On PostgreSQL through postgres.js's own LISTEN connection (everything is
 * forgotten whenever it connects again); on PGlite, in its one process.
 */
export async function listenForKeyChanges(connection: Connection): Promise<() => Promise<void>> {
  const state = cache();
  const heard = (payload: string) => forgetKeys(payload || undefined);
  let stop: () => Promise<void>;
  if (connection.kind === "postgres") {
    const client = (connection.db as unknown as { $client: Sql }).$client;
    const listening = await client.listen(KEY_CHANNEL, heard, () => forgetKeys());
    stop = () => listening.unlisten();
  } else {
    const client = (connection.db as unknown as { $client: PGlite }).$client;
    stop = await client.listen(KEY_CHANNEL, heard);
  }
  forgetKeys();
  state.listening = true;
  return async () => {
    state.listening = false;
    forgetKeys();
    await stop();
  };
}
