import "server-only";
import { type LoadedToken, loadToken } from "@/lib/data-file";
import { env } from "@/lib/env";

export const TOKEN_FILE = "api-token";
export const INTERNAL_TOKEN_FILE = "internal-token";

export type { LoadedToken };
/**
 * The token from API_TOKEN, else the one stored in the data folder, else a new one stored there.
 * The new file appears complete or not at all (written aside, then hard-linked), so two processes
 * starting together agree on one token.
 */
export function loadApiToken(options: { apiToken?: string; dataDir: string }): Promise<LoadedToken> {
  return loadToken({ value: options.apiToken, dataDir: options.dataDir, fileName: TOKEN_FILE });
}

// Route handlers and instrumentation load their own copies of this module: the promises live on globalThis.
const globalForToken = globalThis as unknown as { hooksmithTokens?: Map<string, Promise<string>> };

// `value` is asked for only on the first call: env() validates every variable, ~3 % of a request's CPU.
function cachedToken(fileName: string, value: () => string | undefined, label: string): Promise<string> {
  globalForToken.hooksmithTokens ??= new Map();
  const tokens = globalForToken.hooksmithTokens;
  let loading = tokens.get(fileName);
  if (!loading) {
    loading = loadToken({ value: value(), dataDir: env().dataDir, fileName }).then(
      ({ token, source, file }) => {
        if (source === "generated") console.log(`[hooksmith] ${label}: ${token} (stored in ${file})`);
        else if (source === "file") console.log(`[hooksmith] ${label} read from ${file}`);
        return token;
      },
    );
    // A failed read must not poison the process: the next request tries again.
    loading.catch(() => tokens.delete(fileName));
    tokens.set(fileName, loading);
  }
  return loading;
}

// Bearer token of the REST API: API_TOKEN, else generated once into the data folder.
export function getApiToken(): Promise<string> {
  return cachedToken(TOKEN_FILE, () => env().API_TOKEN, "API token");
}

// Bearer token of the internal event routes: INTERNAL_TOKEN, else generated once into the data folder.
export function getInternalToken(): Promise<string> {
  return cachedToken(INTERNAL_TOKEN_FILE, () => env().INTERNAL_TOKEN, "internal event token");
}
