import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { KeyKind } from "@/db/schema";

// Keys say what they are: "hks_api_…" for /api/v1, "hks_evt_…" for the internal event routes.
const PREFIXES: Record<KeyKind, string> = { api: "hks_api_", event: "hks_evt_" };
// Characters kept in the clear, so a list can tell keys apart ("hks_api_AbCd").
const SHOWN = 12;

export type NewKeyToken = { token: string; prefix: string; hash: string };

export function generateKeyToken(kind: KeyKind): NewKeyToken {
  const token = PREFIXES[kind] + randomBytes(32).toString("base64url");
  return { token, prefix: token.slice(0, SHOWN), hash: hashKeyToken(token) };
}

// A key is 256 random bits: a plain SHA-256 is enough to store it (no password to stretch or salt).
export function hashKeyToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function kindOfToken(token: string): KeyKind | null {
  if (token.startsWith(PREFIXES.api)) return "api";
  if (token.startsWith(PREFIXES.event)) return "event";
  return null;
}
