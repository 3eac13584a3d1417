import "server-only";
import path from "node:path";
import { z } from "zod";

/** The length of an encryption key (lib/crypto/envelope.ts: AES-256). */
export const ENCRYPTION_KEY_BYTES = 32;

/** 32 bytes written as hex (64 characters) or base64 (standard or URL-safe, padded or not); else null. */
export function decodeKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, "hex");
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    return bytes.length === ENCRYPTION_KEY_BYTES ? bytes : null;
  }
  return null;
}

// A comma list with blanks dropped: "a, b,,c" -> ["a", "b", "c"].
const list = z.string().transform((text) =>
  text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item.length > 0),
);
const seconds = z.coerce.number<string>().nonnegative();
const milliseconds = z.coerce.number().int().positive();
const flag = z.enum(["true", "false", "1", "0"]).transform((value) => value === "true" || value === "1");

// The only place that reads process.env: everything else asks for `env()`.
const envSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  API_TOKEN: z.string().min(16, "API_TOKEN must be at least 16 characters").optional(),
  // The host platform's secret for the internal event routes; separate from API_TOKEN.
  INTERNAL_TOKEN: z.string().min(16, "INTERNAL_TOKEN must be at least 16 characters").optional(),
  // The app runs a delivery worker in-process unless this is false (e.g. when `npm run worker` runs apart).
  WORKER_IN_APP: flag.optional(),
  // Next's own switch: set, Next leaves SIGTERM/SIGINT to the app (scripts/server.mjs sets it),
  // so the in-app worker can finish its deliveries in flight before the process exits.
  NEXT_MANUAL_SIG_HANDLE: z.string().optional(),
  // Delivery settings; unset means the defaults in lib/dispatch/config.ts. Tests shorten them.
  DISPATCH_RETRY_SCHEDULE: list
    .pipe(z.array(seconds, "DISPATCH_RETRY_SCHEDULE must be a comma list of seconds"))
    .optional(),
  DISPATCH_JITTER: z.coerce.number().min(0).max(1).optional(),
  DISPATCH_TIMEOUT_MS: milliseconds.optional(),
  DISPATCH_CONNECT_TIMEOUT_MS: milliseconds.optional(),
  DISPATCH_RESPONSE_BODY_LIMIT: z.coerce.number().int().nonnegative().optional(),
  DISPATCH_DISABLE_AFTER_SECONDS: seconds.optional(),
  DISPATCH_LEASE_SECONDS: seconds.positive().optional(),
  DISPATCH_POLL_INTERVAL_MS: milliseconds.optional(),
  DISPATCH_CONCURRENCY: z.coerce.number().int().positive().optional(),
  DISPATCH_WEBHOOK_CONCURRENCY: z.coerce.number().int().positive().optional(),
  DISPATCH_SECRET_OVERLAP_SECONDS: seconds.optional(),
  // Retention (lib/retention): events, deliveries and attempts older than this many days are deleted (0 keeps
  // everything); attempts' request and response bodies may go earlier. Unset: 30 days, bodies kept as long.
  RETENTION_DAYS: z.coerce.number().int().nonnegative().optional(),
  RETENTION_BODY_DAYS: z.coerce.number().int().nonnegative().optional(),
  // Requests per second per key (or instance token), shared by every process on the database: /api/v1
  // and the event routes. At least 1: the bucket holds a second's worth, and must hold one request.
  API_RATE_LIMIT: z.coerce.number().min(1).optional(),
  EVENT_RATE_LIMIT: z.coerce.number().min(1).optional(),
  // Opt-ins for payload URLs on loopback or private networks (refused by default).
  ALLOW_PRIVATE_TARGETS: flag.optional(),
  ALLOWED_TARGET_HOSTS: list.optional(),
  // Encrypts header values and signing secrets in the database (lib/crypto): 32 bytes as base64 or hex,
  // e.g. `openssl rand -base64 32`. Unset, one is generated into the data folder. The message never holds it.
  ENCRYPTION_KEY: z
    .string()
    .transform((text, context) => {
      const key = decodeKey(text);
      if (key) return key;
      context.addIssue({
        code: "custom",
        message:
          "ENCRYPTION_KEY must be 32 bytes written as base64 (44 characters) or hex (64 characters), " +
          "e.g. the output of `openssl rand -base64 32`",
      });
      return z.NEVER;
    })
    .optional(),
  // Sign-in (lib/auth). The secret signs session cookies; unset, one is generated into the data folder.
  BETTER_AUTH_SECRET: z.string().min(32, "BETTER_AUTH_SECRET must be at least 32 characters").optional(),
  // The app's public URL; unset, each request's own host is used (any port works). https makes cookies Secure.
  BETTER_AUTH_URL: z.string().url().optional(),
  // The app's own public origin (e.g. https://hooks.example.com): payload URLs of this instance's request
  // inboxes start with it. Unset: BETTER_AUTH_URL, else http://localhost:$PORT (lib/inbox/own-target.ts).
  APP_URL: z.string().url().optional(),
  // Where this instance's own listener is reached, for deliveries to its own inboxes (never taken from a
  // payload URL). Unset: http://127.0.0.1:$PORT; set it for a worker that runs apart from the app.
  APP_INTERNAL_URL: z.string().url().optional(),
  // The port the app listens on (`npm start`, `next start -p`).
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
  // The port of the intake process (`npm run intake`, PostgreSQL only): the event routes without the app.
  INTAKE_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  // The interface the intake listens on (as the app's HOSTNAME); unset, all of them.
  HOSTNAME: z.string().optional(),
  // Seeds the first owner at start-up when no user exists yet (instead of the set-up page).
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(10, "ADMIN_PASSWORD must be at least 10 characters").optional(),
});

export type Env = z.infer<typeof envSchema> & { dataDir: string };

function read(name: keyof z.input<typeof envSchema>): string | undefined {
  return process.env[name] || undefined;
}

export function env(): Env {
  const keys = Object.keys(envSchema.shape) as (keyof z.input<typeof envSchema>)[];
  const parsed = envSchema.parse(Object.fromEntries(keys.map((key) => [key, read(key)])));
  return { ...parsed, dataDir: path.resolve(parsed.DATA_DIR) };
}
