import "server-only";
import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { type ApiKeyRow, apiKeys, type KeyKind, type KeyScope } from "@/db/schema";
import { isUuid } from "@/lib/ids";
import { cachedKey, forgetKeys, keyGeneration, rememberKey } from "./key-cache";
import { EVENT_KEY_SCOPE } from "./schema";
import { generateKeyToken, hashKeyToken, kindOfToken } from "./token";

export type KeyView = Omit<ApiKeyRow, "key_hash">;
export type CreatedKey = { key: KeyView; token: string };

/** An API key has a scope; an event key has one right, sending events, and no choice of scope. */
export type KeyGrant = { kind: "api"; scope: KeyScope } | { kind: "event"; scope?: typeof EVENT_KEY_SCOPE };

export async function createKey(
  db: Database,
  input: KeyGrant & {
    workspaceId: string;
    name: string;
    expiresAt?: Date | null;
    createdBy?: string | null;
  },
): Promise<CreatedKey> {
  const { token, prefix, hash } = generateKeyToken(input.kind);
  const [row] = await db
    .insert(apiKeys)
    .values({
      workspace_id: input.workspaceId,
      name: input.name,
      kind: input.kind,
      scope: input.kind === "event" ? EVENT_KEY_SCOPE : input.scope,
      prefix,
      key_hash: hash,
      expires_at: input.expiresAt ?? null,
      created_by: input.createdBy ?? null,
    })
    .returning();
  if (!row) throw new Error("insert returned no key");
  return { key: toKeyView(row), token };
}

// Event keys made before the scope rule may carry "read" or "read_write" (a "read" one was refused on every
// event). An event key's right does not depend on what was chosen then: it sends events, read here as
// EVENT_KEY_SCOPE for the event routes and the key list alike, so no stored row needs rewriting.
function toKeyView(row: ApiKeyRow): KeyView {
  const { key_hash: _hash, ...view } = row;
  return row.kind === "event" ? { ...view, scope: EVENT_KEY_SCOPE } : view;
}

export async function listKeys(db: Database, workspaceId: string): Promise<KeyView[]> {
  const rows = await db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.workspace_id, workspaceId))
    .orderBy(desc(apiKeys.created_at));
  return rows.map(toKeyView);
}

/** Revokes a key of the workspace by id; false when there is none (or it was revoked before). */
export async function revokeKey(db: Database, workspaceId: string, id: string): Promise<KeyView | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .update(apiKeys)
    .set({ revoked_at: new Date() })
    .where(and(eq(apiKeys.workspace_id, workspaceId), eq(apiKeys.id, id), isNull(apiKeys.revoked_at)))
    .returning();
  // Other processes hear of it from the trigger (migration 0009); this one forgets it now.
  if (row) forgetKeys(row.key_hash);
  return row ? toKeyView(row) : null;
}

/** Revokes a key given as its token (the admin CLI's `key revoke --key`). */
export async function revokeKeyByToken(db: Database, token: string): Promise<KeyView | null> {
  const [row] = await db
    .update(apiKeys)
    .set({ revoked_at: new Date() })
    .where(and(eq(apiKeys.key_hash, hashKeyToken(token)), isNull(apiKeys.revoked_at)))
    .returning();
  if (row) forgetKeys(row.key_hash);
  return row ? toKeyView(row) : null;
}

// last_used_at is written at most once a minute per key: a key used 80 times a second must not cost
// 80 writes a second.
const LAST_USED_RESOLUTION = sql`now() - interval '1 minute'`;

/**
 * The live key of this kind behind a token: not revoked, not expired. Records its use. An app process
 * answers from its cache of keys (key-cache.ts) once it has looked one up.
 */
export async function findLiveKey(db: Database, token: string, kind: KeyKind): Promise<KeyView | null> {
  if (kindOfToken(token) !== kind) return null;
  const hash = hashKeyToken(token);
  const cached = cachedKey<KeyView>(hash, kind);
  if (cached) {
    if (cached.markUse) {
      markUsed(db, cached.value.id).catch((error: unknown) =>
        console.error("[hooksmith] could not record a key's use:", error),
      );
    }
    return cached.value;
  }
  const generation = keyGeneration();
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.key_hash, hash),
        eq(apiKeys.kind, kind),
        isNull(apiKeys.revoked_at),
        or(isNull(apiKeys.expires_at), sql`${apiKeys.expires_at} > now()`),
      ),
    );
  if (!row) return null;
  await markUsed(db, row.id);
  const view = toKeyView(row);
  rememberKey(hash, kind, view, row.expires_at, generation);
  return view;
}

async function markUsed(db: Database, id: string) {
  await db
    .update(apiKeys)
    .set({ last_used_at: sql`now()` })
    .where(
      and(
        eq(apiKeys.id, id),
        or(isNull(apiKeys.last_used_at), lt(apiKeys.last_used_at, LAST_USED_RESOLUTION)),
      ),
    );
}
