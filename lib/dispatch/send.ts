import "server-only";
import type { LookupAddress } from "node:dns";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
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

// Kept-alive connections, pooled per host and port. A pooled connection goes to an address the guard
// approved for that same host, and is reused only after the host passed the guard again for this request.
// Idle ones close after 4 s, before the 5 s keep-alive timeout common on servers (Node, Apache).
const agents = {
  "http:": new http.Agent({ keepAlive: true, timeout: 4000, scheduling: "lifo" }),
  "https:": new https.Agent({ keepAlive: true, timeout: 4000, scheduling: "lifo" }),
};

// Headers that describe the bytes on the wire or the connection: only this module sets them.
const WIRE_HEADERS = new Set(["host", "content-length", "transfer-encoding", "connection", "keep-alive"]);

/**
 * Sends one request to an approved target and reports what happened; never throws. The host is checked
 * (guard.ts) and the connection pinned to the checked addresses; redirects are not followed; the response
 * body is read only up to the limit. `timeoutMs` bounds everything from the DNS lookup to the last byte.
 */
export async function sendRequest(request: SendInput, config: SendConfig): Promise<SendResult> {
  const started = performance.now();
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), config.timeoutMs);
  try {
    const outcome = await attempt(request, config, deadline.signal);
    return { ...outcome, durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    // Not expected: every known failure is an outcome. Still a result, as promised.
    return { ...failure("network", errorText(error)), durationMs: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
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

async function attempt(request: SendInput, config: SendConfig, deadline: AbortSignal): Promise<Outcome> {
  const target = await Promise.race([
    checkTarget(request.url, config),
    new Promise<null>((resolve) => deadline.addEventListener("abort", () => resolve(null), { once: true })),
  ]);
  if (target === null) return timedOut(config);
  if (!target.ok) return failure(target.kind, target.message);
  const outcome = await exchange(request, target, config, deadline, true);
  if (outcome !== STALE_CONNECTION) return outcome;
  // The server closed a kept-alive connection just as we reused it and answered nothing: try once more
  // on a new connection rather than log a failure and wait for the next retry.
  const retried = await exchange(request, target, config, deadline, false);
  return retried === STALE_CONNECTION ? failure("network", "the connection was closed") : retried;
}

const STALE_CONNECTION = Symbol("stale connection");

function exchange(
  request: SendInput,
  target: ApprovedTarget,
  config: SendConfig,
  deadline: AbortSignal,
  pooled: boolean,
): Promise<Outcome | typeof STALE_CONNECTION> {
  return new Promise((resolve) => {
    const { url } = target;
    const body = request.body === null ? null : Buffer.from(request.body, "utf8");
    const received: Buffer[] = [];
    let receivedBytes = 0;
    let bodyTruncated = false;
    let response: IncomingMessage | undefined;
    let connectTimer: NodeJS.Timeout | undefined;
    let settled = false;
    let req: http.ClientRequest | undefined;

    // What arrived so far, so a failure after the status line still reports it.
    const partial = (): Partial<Outcome> =>
      response
        ? {
            status: response.statusCode,
            headers: pairs(response.rawHeaders),
            body: asText(received),
            bodyTruncated,
          }
        : {};
    // Ends this exchange once. The connection is closed unless the response was read completely,
    // which is when the agent may keep it for the next request.
    const settle = (outcome: Outcome | typeof STALE_CONNECTION, keepConnection = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      deadline.removeEventListener("abort", onDeadline);
      if (!keepConnection) req?.destroy();
      resolve(outcome);
    };
    const fail = (kind: SendErrorKind, message: string) =>
      settle({ ...failure(kind, message), ...partial() });
    const onDeadline = () => settle({ ...timedOut(config), ...partial() });

    try {
      req = (url.protocol === "https:" ? https : http).request({
        hostname: target.host,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: request.method,
        auth: url.username
          ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
          : undefined,
        agent: pooled ? agents[url.protocol as keyof typeof agents] : false,
        lookup: pinnedLookup(target.addresses),
      });
      const sent = req;
      sent.on("error", (error) => {
        const code = codeOf(error);
        if (sent.reusedSocket && !response && (code === "ECONNRESET" || code === "EPIPE")) {
          return settle(STALE_CONNECTION);
        }
        fail(kindOf(error), errorText(error));
      });
      for (const [name, value] of request.headers) {
        if (!WIRE_HEADERS.has(name.toLowerCase())) sent.appendHeader(name, value);
      }
      if (body) sent.setHeader("content-length", body.length);
    } catch (error) {
      fail("invalid", errorText(error));
      return;
    }

    deadline.addEventListener("abort", onDeadline, { once: true });
    if (deadline.aborted) return onDeadline();

    req.once("socket", (socket) => {
      if (!socket.connecting) return;
      connectTimer = setTimeout(
        () => fail("timeout", `could not connect within ${config.connectTimeoutMs} ms`),
        config.connectTimeoutMs,
      );
      socket.once("connect", () => clearTimeout(connectTimer));
    });
    req.on("response", (res) => {
      response = res;
      const ok = () => {
        const status = res.statusCode ?? 0;
        return status >= 200 && status < 300;
      };
      const answered = (): Outcome => ({
        ok: ok(),
        status: res.statusCode,
        headers: pairs(res.rawHeaders),
        body: asText(received),
        bodyTruncated,
      });
      res.on("data", (chunk: Buffer) => {
        const room = config.responseBodyLimit - receivedBytes;
        if (chunk.length <= room) {
          received.push(chunk);
          receivedBytes += chunk.length;
          return;
        }
        // Enough kept: stop reading and drop the connection rather than drain an endless body.
        received.push(chunk.subarray(0, room));
        receivedBytes += room;
        bodyTruncated = true;
        settle(answered());
      });
      res.on("end", () => settle(answered(), true));
      res.on("error", (error) => fail("network", errorText(error)));
      res.on("close", () => {
        if (!res.complete) fail("network", "the connection closed before the response was complete");
      });
    });

    req.end(body ?? undefined);
  });
}

function timedOut(config: SendConfig): Outcome {
  return failure("timeout", `no complete response within ${config.timeoutMs} ms`);
}

function failure(kind: SendErrorKind, message: string): Outcome {
  return { ok: false, body: "", bodyTruncated: false, errorKind: kind, errorMessage: message };
}

function pairs(raw: string[]): [string, string][] {
  const result: [string, string][] = [];
  for (let index = 0; index + 1 < raw.length; index += 2) {
    result.push([raw[index] as string, raw[index + 1] as string]);
  }
  return result;
}

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
  if (code === "ETIMEDOUT") return "timeout";
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
