import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { DEFAULT_WORKSPACE_ID, type KeyScope, type Role } from "@/db/schema";
import { getDb } from "@/lib/db";
import { findLiveKey } from "@/lib/keys/keys";
import { getApiToken, getInternalToken } from "./token";

// `Authorization: Bearer <token>`, or the bare token as Add to Calendar PRO's API accepts it.
export function tokenFromHeader(header: string | null): string | null {
  const value = header?.trim() ?? "";
  const token = /^bearer(\s|$)/i.test(value) ? value.slice(6).trim() : value;
  return token === "" ? null : token;
}

const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();
// The instance tokens' digests, worked out once each: they are compared on every request.
const expectedDigests = new Map<string, Buffer>();

// Comparing SHA-256 digests keeps the comparison constant-time and the token's length secret.
export function tokensMatch(given: string, expected: string): boolean {
  let expectedDigest = expectedDigests.get(expected);
  if (!expectedDigest) {
    if (expectedDigests.size >= 16) expectedDigests.clear();
    expectedDigest = digest(expected);
    expectedDigests.set(expected, expectedDigest);
  }
  return timingSafeEqual(digest(given), expectedDigest);
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
  const key = await findLiveKey(await getDb(), given, realm === "internal" ? "event" : "api");
  if (!key) return null;
  return {
    workspaceId: key.workspace_id,
    scope: key.scope,
    actor: { kind: "key", id: key.id, label: `${key.name} (${key.prefix}…)` },
  };
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
