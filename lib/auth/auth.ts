import "server-only";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import type { Database } from "@/db";
import * as schema from "@/db/schema";
import { loadToken } from "@/lib/data-file";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { clearFailedSignIns, recordFailedSignIn, releaseSignInTry, reserveSignInTry } from "./throttle";

export const AUTH_SECRET_FILE = "auth-secret";
export const SIGN_IN_PATH = "/sign-in/email";

/** The code of the 429 the per-account throttle answers with; the sign-in form localizes it. */
export const ACCOUNT_THROTTLED = "ACCOUNT_THROTTLED";

function emailOf(body: unknown): string | null {
  const email = (body as { email?: unknown } | null)?.email;
  return typeof email === "string" && email.length > 0 && email.length <= 320 ? email : null;
}

function createAuth(db: Database, secret: string, baseURL: string | undefined) {
  return betterAuth({
    appName: "Hooksmith",
    secret,
    // Unset: each request's own host (Next passes it as X-Forwarded-Host/-Proto), so the app works on
    // any host and port; origin checks then compare the browser's Origin with that host.
    baseURL,
    database: drizzleAdapter(db, { provider: "pg", schema, usePlural: true }),
    emailAndPassword: {
      enabled: true,
      // Accounts come from the set-up page, invites, ADMIN_EMAIL or the admin CLI (lib/accounts/users.ts).
      disableSignUp: true,
    },
    advanced: {
      database: { generateId: "uuid" },
      trustedProxyHeaders: true,
      // Secure cookies need https; on plain http (a LAN, the tests on 127.0.0.1) the browser would drop them.
      useSecureCookies: baseURL?.startsWith("https://") ?? false,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    },
    // Better Auth's per-IP limit on its HTTP routes, counted in the database so every app process shares it.
    // The IP comes from X-Forwarded-For. Without a reverse proxy that overwrites it, a client can send its
    // own value and spread its attempts over made-up addresses; the per-account throttle below does not
    // depend on it. Behind a proxy that sets the header to the client's address, the limit is real.
    rateLimit: {
      enabled: true,
      storage: "database",
      customRules: { [SIGN_IN_PATH]: { window: 60, max: 20 } },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== SIGN_IN_PATH) return;
        const email = emailOf(ctx.body);
        if (!email) return;
        // Counted before the password is checked, so parallel guesses cannot share one free try.
        const wait = await reserveSignInTry(db, email);
        if (wait > 0) {
          throw new APIError(
            "TOO_MANY_REQUESTS",
            {
              code: ACCOUNT_THROTTLED,
              message: `Too many wrong passwords for this account. Try again in ${wait} seconds.`,
              retryAfter: wait,
            },
            { "Retry-After": String(wait) },
          );
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== SIGN_IN_PATH) return;
        const email = emailOf(ctx.body);
        if (!email) return;
        const returned = ctx.context.returned;
        if (isAPIError(returned)) {
          if (returned.statusCode === 401) await recordFailedSignIn(db, email);
          // A 429 reserved nothing (this throttle or the per-IP limit refused it before the check): handing
          // a try back for it would free another request's reservation, and let a parallel guess through.
          else if (returned.statusCode !== 429) await releaseSignInTry(db, email);
        } else {
          await clearFailedSignIns(db, email);
        }
      }),
    },
    telemetry: { enabled: false },
    logger: { level: "error" },
    // Lets server actions (set-up, sign-out) set and clear the session cookie; must stay the last plugin.
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

// Created on first use, not at import: `next build` imports route modules, and Better Auth refuses to
// start without a secret. Once per process, on globalThis like the database (Next loads modules twice).
const globalForAuth = globalThis as unknown as { hooksmithAuth?: Promise<Auth> };

export function getAuth(): Promise<Auth> {
  if (!globalForAuth.hooksmithAuth) {
    const { BETTER_AUTH_SECRET, BETTER_AUTH_URL, dataDir } = env();
    const creating = Promise.all([
      getDb(),
      loadToken({ value: BETTER_AUTH_SECRET, dataDir, fileName: AUTH_SECRET_FILE }),
    ]).then(([db, { token }]) => createAuth(db, token, BETTER_AUTH_URL));
    // A failed start must not poison the process: the next call tries again.
    creating.catch(() => {
      globalForAuth.hooksmithAuth = undefined;
    });
    globalForAuth.hooksmithAuth = creating;
  }
  return globalForAuth.hooksmithAuth;
}
