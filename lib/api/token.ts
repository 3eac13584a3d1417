import "server-only";
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { createDataFileOnce } from "@/lib/data-file";
import { env } from "@/lib/env";

export const TOKEN_FILE = "api-token";
export const INTERNAL_TOKEN_FILE = "internal-token";
const MIN_LENGTH = 16;

export type LoadedToken = { token: string; source: "env" | "file" | "generated"; file: string | null };

async function readToken(file: string): Promise<string | null> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const token = text.trim();
  if (token.length < MIN_LENGTH) {
    throw new Error(
      `The API token in ${file} is shorter than ${MIN_LENGTH} characters. ` +
        "Delete the file to have a new one generated, or set API_TOKEN.",
    );
  }
  return token;
}

/**
 * The token from API_TOKEN, else the one stored in the data folder, else a new one stored there.
 * The new file appears complete or not at all (written aside, then hard-linked), so two processes
 * starting together agree on one token.
 */
export function loadApiToken(options: { apiToken?: string; dataDir: string }): Promise<LoadedToken> {
  return loadToken({ value: options.apiToken, dataDir: options.dataDir, fileName: TOKEN_FILE });
}

// Also loads the sign-in secret (lib/auth/auth.ts): one way to keep a generated secret in the data folder.
export async function loadToken(options: {
  value?: string;
  dataDir: string;
  fileName: string;
}): Promise<LoadedToken> {
  if (options.value) return { token: options.value, source: "env", file: null };
  const file = path.join(options.dataDir, options.fileName);
  const stored = await readToken(file);
  if (stored) return { token: stored, source: "file", file };

  const token = randomBytes(32).toString("base64url");
  if (!createDataFileOnce(file, `${token}\n`)) {
    // Another process created it first: its token is the one.
    const winner = await readToken(file);
    if (winner) return { token: winner, source: "file", file };
  }
  return { token, source: "generated", file };
}

// Route handlers and instrumentation load their own copies of this module: the promises live on globalThis.
const globalForToken = globalThis as unknown as { hooksmithTokens?: Map<string, Promise<string>> };

function cachedToken(fileName: string, value: string | undefined, label: string): Promise<string> {
  globalForToken.hooksmithTokens ??= new Map();
  const tokens = globalForToken.hooksmithTokens;
  let loading = tokens.get(fileName);
  if (!loading) {
    loading = loadToken({ value, dataDir: env().dataDir, fileName }).then(({ token, source, file }) => {
      if (source === "generated") console.log(`[hooksmith] ${label}: ${token} (stored in ${file})`);
      else if (source === "file") console.log(`[hooksmith] ${label} read from ${file}`);
      return token;
    });
    // A failed read must not poison the process: the next request tries again.
    loading.catch(() => tokens.delete(fileName));
    tokens.set(fileName, loading);
  }
  return loading;
}

// Bearer token of the REST API: API_TOKEN, else generated once into the data folder.
export function getApiToken(): Promise<string> {
  return cachedToken(TOKEN_FILE, env().API_TOKEN, "API token");
}

// Bearer token of the internal event routes: INTERNAL_TOKEN, else generated once into the data folder.
export function getInternalToken(): Promise<string> {
  return cachedToken(INTERNAL_TOKEN_FILE, env().INTERNAL_TOKEN, "internal event token");
}
