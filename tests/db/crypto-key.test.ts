import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decryptValue, encryptValue } from "@/lib/crypto/envelope";
import { KEY_FILE, loadEncryptionKey } from "@/lib/crypto/key";
import { env } from "@/lib/env";

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "hooksmith-key-"));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("loading the encryption key", () => {
  it("uses ENCRYPTION_KEY when it is set and stores nothing", async () => {
    const configured = randomBytes(32);
    const loaded = loadEncryptionKey({ configured, dataDir });
    expect(loaded).toMatchObject({ source: "env", file: null });
    expect(loaded.key.export().equals(configured)).toBe(true);
    expect(await readdir(dataDir)).toEqual([]);
  });

  it("generates a key once, stores it readable by the owner only, and reads the same key back", async () => {
    const file = path.join(dataDir, KEY_FILE);
    const generated = loadEncryptionKey({ dataDir });
    expect(generated).toMatchObject({ source: "generated", file });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(Buffer.from((await readFile(file, "utf8")).trim(), "base64")).toHaveLength(32);

    const again = loadEncryptionKey({ dataDir });
    expect(again).toMatchObject({ source: "file", file });
    expect(decryptValue(encryptValue("Bearer abc", generated.key), again.key)).toBe("Bearer abc");
    expect(await readdir(dataDir)).toEqual([KEY_FILE]);
  });

  it("keeps the key that is already there", async () => {
    const bytes = randomBytes(32);
    await writeFile(path.join(dataDir, KEY_FILE), `${bytes.toString("hex")}\n`);
    expect(loadEncryptionKey({ dataDir }).key.export().equals(bytes)).toBe(true);
  });

  it("agrees on one key when several processes start at once", async () => {
    // Real processes, as app and workers would be: the file appears whole, and the first one's key wins.
    const script =
      'const { loadEncryptionKey } = await import("./lib/crypto/key.ts");' +
      "const { key, source } = loadEncryptionKey({ dataDir: process.argv[1] });" +
      'console.log(source, key.export().toString("base64"));';
    const run = () =>
      promisify(execFile)(
        process.execPath,
        ["--conditions=react-server", "--import", "tsx", "--input-type=module", "-e", script, dataDir],
        { cwd: process.cwd() },
      );
    const outputs = await Promise.all(Array.from({ length: 6 }, run));
    const lines = outputs.map((output) => output.stdout.trim().split(" "));
    expect(new Set(lines.map(([, key]) => key)).size).toBe(1);
    expect(lines.filter(([source]) => source === "generated")).toHaveLength(1);
    expect(await readdir(dataDir)).toEqual([KEY_FILE]);
  });

  it("creates a missing data folder", () => {
    const nested = path.join(dataDir, "a", "b");
    expect(loadEncryptionKey({ dataDir: nested }).source).toBe("generated");
  });

  it("refuses a damaged key file rather than replacing it", async () => {
    const file = path.join(dataDir, KEY_FILE);
    await writeFile(file, "not a key\n");
    expect(() => loadEncryptionKey({ dataDir })).toThrow(/not 32 bytes.*Restore the file/);
    expect(await readFile(file, "utf8")).toBe("not a key\n");
  });
});

describe("ENCRYPTION_KEY in the environment", () => {
  const saved = process.env.ENCRYPTION_KEY;
  afterEach(() => {
    process.env.ENCRYPTION_KEY = saved;
  });

  it("is read as base64 or hex", () => {
    const bytes = randomBytes(32);
    process.env.ENCRYPTION_KEY = bytes.toString("hex");
    expect(env().ENCRYPTION_KEY?.equals(bytes)).toBe(true);
    process.env.ENCRYPTION_KEY = bytes.toString("base64");
    expect(env().ENCRYPTION_KEY?.equals(bytes)).toBe(true);
  });

  it("stops with a clear message that does not repeat the value", () => {
    for (const wrong of ["my-very-secret-passphrase-123", randomBytes(16).toString("hex")]) {
      process.env.ENCRYPTION_KEY = wrong;
      let message = "";
      try {
        env();
      } catch (error) {
        message = String(error);
      }
      expect(message).toMatch(/ENCRYPTION_KEY must be 32 bytes written as base64 \(44 characters\) or hex/);
      expect(message).not.toContain(wrong);
    }
  });
});
