import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import type { Database } from "@/db";
import { DEFAULT_WORKSPACE_ID, type KeyKind, type KeyScope, type Role } from "@/db/schema";
import { getDb } from "@/lib/db";
import { findLiveKey, type KeyView } from "@/lib/keys/keys";
import { getApiToken, getInternalToken } from "./token";

// `Authorization: Bearer <token>`, or the bare token as Add to Calendar PRO's API accepts it.
export function tokenFromHeader(header: string | null): string | null {
  const value = header?.trim() ?? "";
  const token = /^bearer(\s|$)/i.test(value) ? value.slice(6).trim() : value;
  return token === "" ? null : token;
}

// Comparing SHA-256 digests keeps the comparison constant-time and the token's length secret.
export function tokensMatch(given: string, expected: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Who is calling: the workspace it acts in, what it may do, and how the audit log names it. */
export type Principal = {
  workspaceId: string;
  scope: KeyScope;
  actor: { kind: "key" | "token"; id: string | null; label: string };
};

export type Realm = "api" | "internal";

/**
 * The caller behind the Authorization header, or null. A workspace key (an API key for /api/v1, an event
 * key for the internal routes) acts in its workspace with its scope; the instance tokens (API_TOKEN,
 * INTERNAL_TOKEN) act in the default workspace with every right, so existing set-ups keep working.
 */
export async function authenticate(request: Request, realm: Realm): Promise<Principal | null> {
  const given = tokenFromHeader(request.headers.get("authorization"));
  if (given === null) return null;
  const instanceToken = realm === "internal" ? await getInternalToken() : await getApiToken();
  if (tokensMatch(given, instanceToken)) {
    const label = realm === "internal" ? "INTERNAL_TOKEN" : "API_TOKEN";
    return {
      workspaceId: DEFAULT_WORKSPACE_ID,
      scope: "read_write",
      actor: { kind: "token", id: null, label },
    };
  }
  const key = await liveKey(await getDb(), given, realm === "internal" ? "event" : "api");
  if (!key) return null;
  return {
    workspaceId: key.workspace_id,
    scope: key.scope,
    actor: { kind: "key", id: key.id, label: `${key.name} (${key.prefix}…)` },
  };
}

// A workspace key found live is remembered by this process for KEY_CACHE_MS (never past its expiry), so
// a busy caller costs one key lookup per 5 s instead of one per request. The price: a key revoked (or its
// workspace deleted) in another process, or by the admin CLI, still works here for up to 5 s. Unknown,
// revoked and expired keys are never remembered: each try is looked up again.
export const KEY_CACHE_MS = 5_000;
const KEY_CACHE_SIZE = 1_000;
type CachedKey = { key: KeyView; until: number };
const globalForKeys = globalThis as unknown as { hooksmithLiveKeys?: Map<string, CachedKey> };

/** The live key behind a token, from this process's memory when looked up in the last 5 s. */
export async function liveKey(
  db: Database,
  token: string,
  kind: KeyKind,
  now = Date.now(),
): Promise<KeyView | null> {
  globalForKeys.hooksmithLiveKeys ??= new Map();
  const cache = globalForKeys.hooksmithLiveKeys;
  // By digest: the tokens themselves are not kept in memory.
  const id = `${kind}:${createHash("sha256").update(token, "utf8").digest("base64")}`;
  const cached = cache.get(id);
  if (cached && now < cached.until) return cached.key;
  cache.delete(id);
  const key = await findLiveKey(db, token, kind);
  if (!key) return null;
  const until = Math.min(now + KEY_CACHE_MS, key.expires_at?.getTime() ?? Number.POSITIVE_INFINITY);
  // Oldest first out: a Map iterates in insertion order.
  if (cache.size >= KEY_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(id, { key, until });
  return key;
}

/** Whether the principal may do this: GET and HEAD read, every other method writes. */
export function mayAccess(principal: Principal, method: string): boolean {
  const reads = method === "GET" || method === "HEAD";
  if (principal.scope === "read_write") return true;
  return reads ? principal.scope === "read" : principal.scope === "write";
}

/**
 * The role a key's answers are shaped for. A read-only key (a dashboard, a monitor) reads like a viewer:
 * header values and signing secrets masked, since with them anyone holding the key could call the
 * receivers or forge their signatures. A key that may write is trusted like an editor.
 */
export function roleOfPrincipal(principal: Principal): Role {
  return principal.scope === "read" ? "viewer" : "editor";
}
