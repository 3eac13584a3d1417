import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tokenFromHeader, tokensMatch } from "@/lib/api/auth";
import { loadApiToken } from "@/lib/api/token";

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "hooksmith-token-"));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("loading the API token", () => {
  it("uses API_TOKEN when it is set and stores nothing", async () => {
    expect(await loadApiToken({ apiToken: "configured-token-123", dataDir })).toEqual({
      token: "configured-token-123",
      source: "env",
      file: null,
    });
    expect(await readdir(dataDir)).toEqual([]);
  });

  it("generates a random token once, stores it readable by the owner only, and reads it back", async () => {
    const file = path.join(dataDir, "api-token");
    const generated = await loadApiToken({ dataDir });
    expect(generated).toEqual({
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      source: "generated",
      file,
    });
    expect((await readFile(file, "utf8")).trim()).toBe(generated.token);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await loadApiToken({ dataDir })).toEqual({ token: generated.token, source: "file", file });
    expect(await readdir(dataDir)).toEqual(["api-token"]);
  });

  it("agrees on one token when several callers start at once", async () => {
    const loaded = await Promise.all(Array.from({ length: 8 }, () => loadApiToken({ dataDir })));
    expect(new Set(loaded.map((result) => result.token)).size).toBe(1);
    expect(loaded.filter((result) => result.source === "generated")).toHaveLength(1);
    expect(await readdir(dataDir)).toEqual(["api-token"]);
  });

  it("creates a missing data folder", async () => {
    const nested = path.join(dataDir, "a", "b");
    const { token } = await loadApiToken({ dataDir: nested });
    expect((await readFile(path.join(nested, "api-token"), "utf8")).trim()).toBe(token);
  });

  it("refuses a stored token that is too short to be safe", async () => {
    await writeFile(path.join(dataDir, "api-token"), "short\n");
    await expect(loadApiToken({ dataDir })).rejects.toThrow(/shorter than 16 characters/);
  });
});

describe("reading the credential", () => {
  it("takes a Bearer token or a bare token", () => {
    expect(tokenFromHeader("Bearer abc.def")).toBe("abc.def");
    expect(tokenFromHeader("bearer   abc")).toBe("abc");
    expect(tokenFromHeader("abc")).toBe("abc");
    expect(tokenFromHeader("  abc  ")).toBe("abc");
  });

  it("finds no token in an empty or missing header", () => {
    for (const header of [null, "", "   ", "Bearer", "Bearer   "]) expect(tokenFromHeader(header)).toBeNull();
  });

  it("matches only the exact token", () => {
    expect(tokensMatch("secret-token-1234", "secret-token-1234")).toBe(true);
    expect(tokensMatch("secret-token-123", "secret-token-1234")).toBe(false);
    expect(tokensMatch("secret-token-12345", "secret-token-1234")).toBe(false);
    expect(tokensMatch("Secret-token-1234", "secret-token-1234")).toBe(false);
  });
});
