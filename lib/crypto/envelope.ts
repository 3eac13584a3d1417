import "server-only";
import { createCipheriv, createDecipheriv, createSecretKey, type KeyObject, randomBytes } from "node:crypto";
import { ENCRYPTION_KEY_BYTES } from "@/lib/env";

// Parsing the key's text lives with the environment (lib/env.ts is a leaf: it validates ENCRYPTION_KEY).
export { decodeKey } from "@/lib/env";

// AES-256-GCM from node:crypto, with the envelope written here: node:crypto (OpenSSL underneath) is the
// well-kept, audited implementation on this platform, and what wraps it is a few lines (a random IV, the
// tag check, a version prefix). A third-party wrapper would add a dependency to trust with every secret
// for no cryptography of its own.
//
// Stored form: "enc:v1:" + base64(iv[12] | tag[16] | ciphertext). The version names the algorithm and the
// key generation, so a later key rotation can add "enc:v2:" and read both; a value without the prefix is
// plaintext written before encryption existed.

const VERSION = "v1";
export const ENCRYPTED_PREFIX = `enc:${VERSION}:`;
const ANY_VERSION = /^enc:v\d+:/;
const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = ENCRYPTION_KEY_BYTES;
// Authenticated with every value: a ciphertext cannot be passed off as another version's.
const ASSOCIATED_DATA = Buffer.from(`hooksmith:${ENCRYPTED_PREFIX}`);

/** A stored value that cannot be decrypted: altered, or encrypted with another key. Never holds the value. */
export class DecryptionError extends Error {
  constructor(reason: string) {
    super(`cannot decrypt a stored secret: ${reason}`);
    this.name = "DecryptionError";
  }
}

/** The key object for 32 raw bytes; create it once and reuse it (it is what every call needs). */
export function encryptionKeyFrom(bytes: Buffer): KeyObject {
  if (bytes.length !== KEY_BYTES)
    throw new Error(`an encryption key has ${KEY_BYTES} bytes, not ${bytes.length}`);
  return createSecretKey(bytes);
}

/** Whether a stored value is in an encrypted form (of any version), as opposed to plaintext. */
export function isEncrypted(value: string): boolean {
  return ANY_VERSION.test(value);
}

export function encryptValue(plaintext: string, key: KeyObject): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(ASSOCIATED_DATA);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ENCRYPTED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64");
}

/** The plaintext of an encrypted value; throws DecryptionError when it was altered or the key is another. */
export function decryptValue(stored: string, key: KeyObject): string {
  if (!stored.startsWith(ENCRYPTED_PREFIX)) {
    throw new DecryptionError(isEncrypted(stored) ? "unknown format version" : "not encrypted");
  }
  const packed = Buffer.from(stored.slice(ENCRYPTED_PREFIX.length), "base64");
  if (packed.length < IV_BYTES + TAG_BYTES) throw new DecryptionError("too short");
  const decipher = createDecipheriv(ALGORITHM, key, packed.subarray(0, IV_BYTES), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(ASSOCIATED_DATA);
  decipher.setAuthTag(packed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(packed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    throw new DecryptionError("altered, or encrypted with another key");
  }
}

/** What a stored value says: decrypted if encrypted, as it is if it is plaintext from before encryption. */
export function revealValue(stored: string, key: KeyObject): string {
  return isEncrypted(stored) ? decryptValue(stored, key) : stored;
}
