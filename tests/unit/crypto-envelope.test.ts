import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  DecryptionError,
  decodeKey,
  decryptValue,
  ENCRYPTED_PREFIX,
  encryptionKeyFrom,
  encryptValue,
  isEncrypted,
  revealValue,
} from "@/lib/crypto/envelope";
import { revealKnown } from "@/lib/crypto/revealed";

const key = encryptionKeyFrom(randomBytes(32));
const otherKey = encryptionKeyFrom(randomBytes(32));

// Flips one bit of the packed iv|tag|ciphertext at `index`, keeping the stored form's shape.
function flipBit(stored: string, index: number): string {
  const packed = Buffer.from(stored.slice(ENCRYPTED_PREFIX.length), "base64");
  packed[index] = (packed[index] ?? 0) ^ 1;
  return ENCRYPTED_PREFIX + packed.toString("base64");
}

describe("the encryption envelope", () => {
  it("decrypts what it encrypted, for empty, ASCII and non-ASCII values", () => {
    for (const value of ["", "Bearer sk_live_1234567890", "whsec_abc+/=", "Grüße 🔐 {{ data.id }}"]) {
      const stored = encryptValue(value, key);
      expect(stored.startsWith("enc:v1:")).toBe(true);
      expect(stored).not.toContain(value || "\u0000");
      expect(decryptValue(stored, key)).toBe(value);
    }
  });

  it("uses a fresh IV each time: the same value encrypts differently", () => {
    const first = encryptValue("Bearer same-token", key);
    const second = encryptValue("Bearer same-token", key);
    expect(first).not.toBe(second);
    expect(decryptValue(first, key)).toBe(decryptValue(second, key));
  });

  it("detects a changed IV, tag or ciphertext", () => {
    const stored = encryptValue("Bearer sk_live_1234567890", key);
    // 0: in the IV, 12: in the tag, 28: in the ciphertext.
    for (const index of [0, 12, 28]) {
      expect(() => decryptValue(flipBit(stored, index), key)).toThrow(DecryptionError);
    }
    expect(() => decryptValue(stored.slice(0, -4), key)).toThrow(DecryptionError);
    expect(() => decryptValue(`${ENCRYPTED_PREFIX}AAAA`, key)).toThrow(/too short/);
  });

  it("refuses to decrypt with another key, without telling the value", () => {
    const stored = encryptValue("Bearer sk_live_1234567890", key);
    let error: unknown;
    try {
      decryptValue(stored, otherKey);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DecryptionError);
    expect(String(error)).toMatch(/another key/);
    expect(String(error)).not.toContain("sk_live");
  });

  it("tells plaintext from encrypted values, and passes plaintext from before encryption through", () => {
    const stored = encryptValue("whsec_c2VjcmV0", key);
    expect(isEncrypted(stored)).toBe(true);
    for (const plain of ["whsec_c2VjcmV0", "Bearer abc", "", "enc:", "encrypted: no", "ENC:V1:abc"]) {
      expect(isEncrypted(plain), plain).toBe(false);
      expect(revealValue(plain, key)).toBe(plain);
      expect(() => decryptValue(plain, key)).toThrow(/not encrypted/);
    }
    expect(revealValue(stored, key)).toBe("whsec_c2VjcmV0");
  });

  it("recognises a later format version instead of taking it for plaintext", () => {
    expect(isEncrypted("enc:v2:AAAA")).toBe(true);
    expect(() => revealValue("enc:v2:AAAA", key)).toThrow(/unknown format version/);
  });
});

describe("reading a key", () => {
  const bytes = randomBytes(32);

  it("takes 32 bytes as hex or base64 (standard or URL-safe, padded or not)", () => {
    const base64 = bytes.toString("base64");
    for (const text of [
      bytes.toString("hex"),
      bytes.toString("hex").toUpperCase(),
      base64,
      base64.replace(/=$/, ""),
      bytes.toString("base64url"),
      ` ${base64}\n`,
    ]) {
      expect(decodeKey(text)?.equals(bytes), text).toBe(true);
    }
  });

  it("refuses anything that is not 32 bytes", () => {
    for (const text of [
      "",
      "too-short",
      randomBytes(31).toString("hex"),
      randomBytes(33).toString("hex"),
      randomBytes(16).toString("base64"),
      randomBytes(48).toString("base64"),
      `${bytes.toString("hex").slice(0, 63)}g`,
      "a passphrase is not a key, however long it is",
    ]) {
      expect(decodeKey(text), text).toBeNull();
    }
    expect(() => encryptionKeyFrom(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe("values revealed once per process (revealKnown)", () => {
  it("answers like revealValue, and a value it knows is not given out under another key or altered", () => {
    const stored = encryptValue("Bearer sk_live_kept", key);
    expect(revealKnown(stored, key)).toBe("Bearer sk_live_kept");
    expect(revealKnown(stored, key)).toBe("Bearer sk_live_kept");
    expect(revealKnown("plain from before encryption", key)).toBe("plain from before encryption");
    expect(() => revealKnown(stored, otherKey)).toThrow(DecryptionError);
    expect(() => revealKnown(flipBit(stored, 20), key)).toThrow(DecryptionError);
  });

  it("keeps answering correctly past the number of values it keeps", () => {
    const values = Array.from({ length: 2_500 }, (_, index) => `secret ${index}`);
    const stored = values.map((value) => encryptValue(value, key));
    for (const [index, envelope] of stored.entries()) expect(revealKnown(envelope, key)).toBe(values[index]);
    expect(revealKnown(stored[0] ?? "", key)).toBe(values[0]);
  });
});
