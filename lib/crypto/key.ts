import "server-only";
import { type KeyObject, randomBytes } from "node:crypto";
import path from "node:path";
import { loadDataFileValue } from "@/lib/data-file";
import { env } from "@/lib/env";
import { decodeKey, encryptionKeyFrom, KEY_BYTES } from "./envelope";

export const KEY_FILE = "encryption-key";

export type LoadedKey = { key: KeyObject; source: "env" | "file" | "generated"; file: string | null };

function readKey(text: string, file: string): Buffer {
  const bytes = decodeKey(text);
  if (!bytes) {
    throw new Error(
      `The encryption key in ${file} is not 32 bytes written as base64 or hex. Restore the file from a backup, ` +
        "or set ENCRYPTION_KEY to the key the stored secrets were encrypted with: without it they cannot be read.",
    );
  }
  return bytes;
}

/**
 * The key from ENCRYPTION_KEY, else the one stored in the data folder, else a new one stored there
 * (created atomically, so processes starting together agree on one key).
 */
export function loadEncryptionKey(options: { configured?: Buffer; dataDir: string }): LoadedKey {
  const { value, source, file } = loadDataFileValue({
    configured: options.configured,
    file: path.join(options.dataDir, KEY_FILE),
    read: readKey,
    generate: () => {
      const bytes = randomBytes(KEY_BYTES);
      return { value: bytes, text: `${bytes.toString("base64")}\n` };
    },
  });
  return { key: encryptionKeyFrom(value), source, file };
}

// Pages, route handlers and instrumentation load their own copies of this module: the key lives on globalThis,
// loaded once per process and kept as a KeyObject so no call parses it again.
const globalForKey = globalThis as unknown as { hooksmithEncryptionKey?: KeyObject };

/**
 * The key that encrypts header values and signing secrets in the database.
 *
 * Without ENCRYPTION_KEY on PostgreSQL, the key is generated into the data folder as on the embedded
 * database, with a loud warning rather than a refusal to start: a single app (the usual set-up, and
 * every test) then works without configuration, while `checkStoredSecretsKey` at start-up refuses any
 * process whose key cannot read what the others stored. What the warning asks of operators who run
 * several processes is to set ENCRYPTION_KEY (or share the data folder).
 */
export function encryptionKey(): KeyObject {
  const cached = globalForKey.hooksmithEncryptionKey;
  if (cached) return cached;
  const { ENCRYPTION_KEY, DATABASE_URL, dataDir } = env();
  const { key, source, file } = loadEncryptionKey({ configured: ENCRYPTION_KEY, dataDir });
  if (source !== "env" && DATABASE_URL) {
    console.warn(
      [
        "[hooksmith] ************************************************************************************",
        "[hooksmith] WARNING: ENCRYPTION_KEY is not set. Header values and signing secrets in PostgreSQL are",
        `[hooksmith] encrypted with the key ${source === "generated" ? "generated just now into" : "read from"} ${file}.`,
        "[hooksmith] Every app and worker process using this database must have the same key: set",
        "[hooksmith] ENCRYPTION_KEY to that file's content for all of them, and keep a copy with your backups.",
        "[hooksmith] A process with another key refuses to start; without the key the stored secrets are lost.",
        "[hooksmith] ************************************************************************************",
      ].join("\n"),
    );
  } else if (source === "generated") {
    console.log(
      `[hooksmith] generated the encryption key for stored secrets in ${file}: back it up with the database`,
    );
  }
  globalForKey.hooksmithEncryptionKey = key;
  return key;
}
