import "server-only";
import type { LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import { type Dispatcher, Pool } from "undici";
import { type ApprovedTarget, checkTarget } from "@/lib/targets/guard";
import type { DispatchConfig } from "./config";

export type SendInput = {
  method: string;
  url: string;
  headers: readonly (readonly [string, string])[];
  /** Sent byte for byte (UTF-8); null sends no body at all (GET). */
  body: string | null;
};

export type SendErrorKind = "timeout" | "dns" | "refused" | "tls" | "blocked" | "invalid" | "network";

export type SendResult = {
  /** A complete 2xx response. */
  ok: boolean;
  status?: number;
  /** Response headers as received, in order. */
  headers?: [string, string][];
  /** The start of the response body, at most `responseBodyLimit` bytes, as text. */
  body: string;
  bodyTruncated: boolean;
  durationMs: number;
  errorKind?: SendErrorKind;
  errorMessage?: string;
};

export type SendConfig = Pick<
  DispatchConfig,
  "timeoutMs" | "connectTimeoutMs" | "responseBodyLimit" | "allowPrivateTargets" | "allowedTargetHosts"
>;

type Outcome = Omit<SendResult, "durationMs">;

// Kept-alive connections in an undici Pool per target, keyed by origin AND the addresses the guard
// approved: a connection only ever goes to an address that was checked for its host, and a host that now
// resolves elsewhere gets a pool (and connections) of its own. The guard still runs before every request.
// Idle sockets close after 4 s, before the 5 s keep-alive timeout common on servers (Node, Apache); a pool
// unused for POOL_IDLE_MS is closed and dropped, so many targets do not pile up pools.
const POOL_IDLE_MS = 30_000;
// `connected` and `running` (this module's requests in flight) are counted here: reading `pool.stats` walks
// every connection six times, 3-4 % of the worker's CPU per delivery with 64 of them (profiled).
type PoolEntry = { pool: Pool; lastUsed: number; connected: number; running: number };
const globalForPools = globalThis as unknown as {
  hooksmithSendPools?: Map<string, PoolEntry>;
  hooksmithPoolSweeper?: NodeJS.Timeout;
};
globalForPools.hooksmithSendPools ??= new Map();
const pools: Map<string, PoolEntry> = globalForPools.hooksmithSendPools;

function poolFor(target: ApprovedTarget, config: SendConfig): PoolEntry {
  const { url } = target;
  const addresses = target.addresses.map((entry) => `${entry.family}/${entry.address}`).join(",");
  const key = `${url.origin} ${addresses} ${config.connectTimeoutMs}`;
  let entry = pools.get(key);
  if (!entry) {
    const pool = new Pool(url.origin, {
      pipelining: 1,
      // A bound, not a target: the worker's concurrency keeps far fewer requests in flight.
      connections: 64,
      keepAliveTimeout: 4000,
      keepAliveMaxTimeout: 4000,
      // The whole exchange is bounded by sendRequest's own deadline.
      headersTimeout: 0,
      bodyTimeout: 0,
      connect: {
        lookup: pinnedLookup(target.addresses),
        timeout: config.connectTimeoutMs,
        // SNI names the host; an IP address is sent none (RFC 6066).
        ...(url.protocol === "https:" && isIP(target.host) === 0 ? { servername: target.host } : {}),
      },
    });
    const created: PoolEntry = { pool, lastUsed: Date.now(), connected: 0, running: 0 };
    pool.on("connect", () => {
      created.connected += 1;
    });
    pool.on("disconnect", () => {
      created.connected -= 1;
    });
    entry = created;
    pools.set(key, entry);
    globalForPools.hooksmithPoolSweeper ??= setInterval(() => closeIdlePools(), POOL_IDLE_MS / 2).unref();
  }
  entry.lastUsed = Date.now();
  return entry;
}

/** Closes the pools unused for `idleMs` that have nothing in flight; returns how many pools are left. */
export function closeIdlePools(idleMs = POOL_IDLE_MS, now = Date.now()): number {
  for (const [key, { pool, lastUsed, running }] of pools) {
    if (now - lastUsed >= idleMs && running === 0) {
      pools.delete(key);
      pool.close().catch(() => {});
    }
  }
  return pools.size;
}

// Headers that describe the bytes on the wire or the connection: only this module sets them.
const WIRE_HEADERS = new Set(["host", "content-length", "transfer-encoding", "connection", "keep-alive"]);

/**
 * Sends one request to an approved target and reports what happened; never throws. The host is checked
 * (guard.ts) and the connection pinned to the checked addresses; redirects are not followed; the response
 * body is read only up to the limit. `timeoutMs` bounds everything from the DNS lookup to the last byte.
 * `approved` skips the guard for a target the caller vouches for: only own-inbox.ts passes one.
 */
export async function sendRequest(
  request: SendInput,
  config: SendConfig,
  approved?: ApprovedTarget,
): Promise<SendResult> {
  const started = performance.now();
  const deadline = new Deadline();
  const timer = setTimeout(() => deadline.expire(), config.timeoutMs);
  try {
    const outcome = await attempt(request, config, deadline, approved);
    return { ...outcome, durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    // Not expected: every known failure is an outcome. Still a result, as promised.
    return { ...failure("network", errorText(error)), durationMs: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}

// The time limit of one sendRequest. An AbortController with its event listeners cost ~4 % of the
// worker's CPU per delivery (profiled, bench:dispatch); this does the one thing needed of it.
class Deadline {
  expired = false;
  private readonly listeners = new Set<() => void>();
  expire() {
    if (this.expired) return;
    this.expired = true;
    for (const listener of this.listeners) listener();
    this.listeners.clear();
  }
  /** Calls `listener` when the time is up; returns a function that stops waiting. */
  onExpire(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The first value of a response header, by case-insensitive name. */
export function headerValue(headers: readonly (readonly [string, string])[] | undefined, name: string) {
  const wanted = name.toLowerCase();
  return headers?.find(([key]) => key.toLowerCase() === wanted)?.[1] ?? null;
}

/** A lookup for the HTTP client that answers with the addresses the guard approved instead of asking DNS. */
export function pinnedLookup(addresses: LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const [first] = addresses;
    if (options.all) callback(null, addresses);
    else if (first) callback(null, first.address, first.family);
    else callback(Object.assign(new Error("no approved address"), { code: "ENOTFOUND" }), []);
  };
}

// `approved`: the app's own listener for one of its own inboxes (lib/dispatch/own-inbox.ts); every other
// request goes through the guard.
async function attempt(
  request: SendInput,
  config: SendConfig,
  deadline: Deadline,
  approved?: ApprovedTarget,
): Promise<Outcome> {
  const target =
    approved ??
    (await Promise.race([
      checkTarget(request.url, config),
      new Promise<null>((resolve) => deadline.onExpire(() => resolve(null))),
    ]));
  if (target === null) return timedOut(config);
  if (!target.ok) return failure(target.kind, target.message);
  const headers = wireHeaders(request, target.url);
  const entry = poolFor(target, config);
  // A connection running none of our requests is free, or resting: with pipelining 1 undici lets one that
  // has just answered rest one turn of the event loop before reusing it, and a request sent at once would
  // open another connection instead. Wait that turn. Such a kept-alive connection is what the request will
  // go out on, and the server may close it just as we reuse it.
  const reused = entry.connected > entry.running;
  if (reused) await new Promise((resolve) => setImmediate(resolve));
  const send = async () => {
    entry.running += 1;
    try {
      return await exchange(entry.pool, request, headers, target.url, config, deadline);
    } finally {
      entry.running -= 1;
    }
  };
  const outcome = await send();
  if (outcome !== STALE_CONNECTION) return outcome;
  if (!reused) return failure("network", "the connection was closed before any response");
  // It answered nothing: try once more (on a new connection, unless another one is free) rather than
  // log a failure and wait for the next retry.
  const retried = await send();
  return retried === STALE_CONNECTION ? failure("network", "the connection was closed") : retried;
}

const STALE_CONNECTION = Symbol("stale connection");
// A connection the server closed under us, before any answer.
const STALE_CODES = new Set(["UND_ERR_SOCKET", "ECONNRESET", "EPIPE"]);

// The request's headers as undici takes them (name, value, name, value…), in order, repeated ones kept;
// the ones that describe the wire are undici's to set. Credentials in the URL become Basic auth unless
// the webhook sets Authorization itself.
function wireHeaders(request: SendInput, url: URL): string[] {
  const flat: string[] = [];
  let authorization = false;
  for (const [name, value] of request.headers) {
    const lower = name.toLowerCase();
    if (WIRE_HEADERS.has(lower)) continue;
    if (lower === "authorization") authorization = true;
    flat.push(name, value);
  }
  if (url.username && !authorization) {
    const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    flat.push("authorization", `Basic ${Buffer.from(credentials, "utf8").toString("base64")}`);
  }
  return flat;
}

function exchange(
  pool: Pool,
  request: SendInput,
  headers: string[],
  url: URL,
  config: SendConfig,
  deadline: Deadline,
): Promise<Outcome | typeof STALE_CONNECTION> {
  return new Promise((resolve) => {
    const received: Buffer[] = [];
    let receivedBytes = 0;
    let bodyTruncated = false;
    let status: number | undefined;
    let responseHeaders: [string, string][] | undefined;
    let abort: ((reason: Error) => void) | undefined;
    let settled = false;

    // What arrived so far, so a failure after the status line still reports it.
    const partial = (): Partial<Outcome> =>
      status === undefined ? {} : { status, headers: responseHeaders, body: asText(received), bodyTruncated };
    const answered = (): Outcome => ({
      ok: status !== undefined && status >= 200 && status < 300,
      status,
      headers: responseHeaders,
      body: asText(received),
      bodyTruncated,
    });
    // Ends this exchange once. Unless the response was read completely, the request is aborted, which
    // closes its connection; after a complete one the connection goes back to the pool.
    const settle = (outcome: Outcome | typeof STALE_CONNECTION, complete = false) => {
      if (settled) return;
      settled = true;
      stopWaiting();
      if (!complete) abort?.(new Error("the exchange has ended"));
      resolve(outcome);
    };
    const onDeadline = () => settle({ ...timedOut(config), ...partial() });
    const stopWaiting = deadline.onExpire(onDeadline);
    if (deadline.expired) return onDeadline();

    const handler: Dispatcher.DispatchHandler = {
      onConnect(abortRequest) {
        abort = abortRequest;
        if (settled) abortRequest(new Error("the exchange has ended"));
      },
      onHeaders(statusCode, rawHeaders) {
        status = statusCode;
        responseHeaders = pairs(rawHeaders);
        return true;
      },
      onData(chunk) {
        if (settled) return false;
        const room = config.responseBodyLimit - receivedBytes;
        if (chunk.length <= room) {
          received.push(chunk);
          receivedBytes += chunk.length;
          return true;
        }
        // Enough kept: stop reading and drop the connection rather than drain an endless body.
        received.push(chunk.subarray(0, room));
        receivedBytes += room;
        bodyTruncated = true;
        settle(answered());
        return false;
      },
      onComplete() {
        settle(answered(), true);
      },
      onError(error) {
        const code = codeOf(error);
        if (status === undefined && STALE_CODES.has(code)) return settle(STALE_CONNECTION);
        if (code === "UND_ERR_CONNECT_TIMEOUT") {
          return settle(failure("timeout", `could not connect within ${config.connectTimeoutMs} ms`));
        }
        settle({ ...failure(kindOf(error), errorText(error)), ...partial() });
      },
    };
    pool.dispatch(
      {
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: request.method,
        headers,
        body: request.body,
      },
      handler,
    );
  });
}

function timedOut(config: SendConfig): Outcome {
  return failure("timeout", `no complete response within ${config.timeoutMs} ms`);
}

function failure(kind: SendErrorKind, message: string): Outcome {
  return { ok: false, body: "", bodyTruncated: false, errorKind: kind, errorMessage: message };
}

function pairs(raw: readonly (Buffer | string)[] | null): [string, string][] {
  const result: [string, string][] = [];
  if (!raw) return result;
  for (let index = 0; index + 1 < raw.length; index += 2) {
    result.push([latin1(raw[index]), latin1(raw[index + 1])]);
  }
  return result;
}

// As node:http reads header bytes.
const latin1 = (value: Buffer | string | undefined) =>
  Buffer.isBuffer(value) ? value.toString("latin1") : (value ?? "");

// PostgreSQL text cannot hold NUL, and the body is kept for people to read.
function asText(chunks: Buffer[]): string {
  return Buffer.concat(chunks).toString("utf8").replaceAll("\u0000", "\uFFFD");
}

type NodeError = Error & { code?: string; errors?: unknown[] };

function codeOf(error: unknown): string {
  const nodeError = error as NodeError;
  return nodeError?.code ?? (nodeError?.errors?.[0] as NodeError | undefined)?.code ?? "";
}

const TLS_CODES =
  /^(ERR_TLS_|ERR_SSL_|EPROTO$|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT|UNABLE_TO_|HOSTNAME_MISMATCH)/;
const INVALID_CODES = new Set([
  "UND_ERR_INVALID_ARG",
  "UND_ERR_NOT_SUPPORTED",
  "ERR_INVALID_CHAR",
  "ERR_INVALID_HTTP_TOKEN",
  "ERR_UNESCAPED_CHARACTERS",
  "ERR_INVALID_ARG_VALUE",
  "ERR_INVALID_ARG_TYPE",
  "ERR_INVALID_URL",
  "ERR_HTTP_INVALID_HEADER_VALUE",
]);

function kindOf(error: unknown): SendErrorKind {
  const code = codeOf(error);
  if (code === "ECONNREFUSED") return "refused";
  if (code === "ETIMEDOUT" || code === "UND_ERR_CONNECT_TIMEOUT") return "timeout";
  if (code === "ENOTFOUND" || code.startsWith("EAI_")) return "dns";
  if (TLS_CODES.test(code)) return "tls";
  if (INVALID_CODES.has(code)) return "invalid";
  return "network";
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const inner = (error as NodeError).errors;
  // A failed connect to several addresses arrives as an AggregateError with an empty message.
  if (!error.message && Array.isArray(inner)) return inner.map(errorText).join("; ");
  return error.message.trim() || codeOf(error) || error.name;
}
