import "server-only";
import type { KeyObject } from "node:crypto";
import type { KeyValue } from "@/db/schema";
import { encryptValue } from "./envelope";
import { encryptionKey } from "./key";
import { revealKnown } from "./revealed";

// The webhook columns held encrypted: `secret`, `previous_secret`, `payload_url` (its userinfo and query may
// hold credentials) and the value of each `header` row (its name stays readable: the delivery log and the
// audit log name headers without their values).
// Reading tolerates plaintext from before encryption, which start-up encrypts (see stored-secrets.ts).

export function encryptSecret(value: string, key: KeyObject = encryptionKey()): string {
  return encryptValue(value, key);
}

export function decryptSecret(stored: string, key: KeyObject = encryptionKey()): string {
  return revealKnown(stored, key);
}

export function encryptHeader(rows: readonly KeyValue[], key: KeyObject = encryptionKey()): KeyValue[] {
  return rows.map(({ key: name, value }) => ({ key: name, value: encryptValue(value, key) }));
}

export function decryptHeader(rows: readonly KeyValue[], key: KeyObject = encryptionKey()): KeyValue[] {
  return rows.map(({ key: name, value }) => ({ key: name, value: revealKnown(value, key) }));
}

export function encryptUrl(url: string, key: KeyObject = encryptionKey()): string {
  return encryptValue(url, key);
}

export function decryptUrl(stored: string, key: KeyObject = encryptionKey()): string {
  return revealKnown(stored, key);
}
