import { setTimeout as sleep } from "node:timers/promises";
import { ApiError } from "@/lib/api/errors";
import { takeRequest } from "@/lib/api/rate-limit";
import { readBodyUpTo } from "@/lib/api/read-body";
import { publicApiRoute } from "@/lib/api/route";
import { getDb } from "@/lib/db";
import {
  INBOX_CAPTURE_RATE,
  liveInboxId,
  MAX_INBOX_BODY_BYTES,
  recordInboxRequest,
} from "@/lib/inbox/requests";
import { inboxPath } from "@/lib/inbox/token";

export const dynamic = "force-dynamic";

type Params = { token: string; path?: string[] };

// Statuses whose answer can carry no body (RFC 9110).
const NO_BODY = new Set([204, 205, 304]);

// The public address of a request inbox: whoever has the token may send to it, with any method Next serves.
// It stores the request as received and answers as the inbox is told to (a status, Retry-After, a delay).
const capture = publicApiRoute<Params>(async ({ request, params }) => {
  const db = await getDb();
  // Limited per inbox, and only once the inbox is known: unknown tokens make no buckets.
  const inboxId = await liveInboxId(db, params.token);
  if (!inboxId) throw new ApiError("not_found", "inboxNotFound");
  const limit = await takeRequest(db, `inbox:${inboxId}`, INBOX_CAPTURE_RATE);
  if (!limit.ok) {
    throw new ApiError("rate_limited", "inboxRateLimited", {
      values: { rate: INBOX_CAPTURE_RATE, seconds: limit.retryAfterSeconds },
      headers: { "Retry-After": String(limit.retryAfterSeconds) },
    });
  }
  const body = await readBodyUpTo(request, MAX_INBOX_BODY_BYTES);
  if (body === "too_large") {
    throw new ApiError("payload_too_large", "payloadTooLarge", { values: { max: "1 MiB" } });
  }
  const url = new URL(request.url);
  const prefix = inboxPath(params.token);
  const answer = await recordInboxRequest(db, params.token, {
    method: request.method,
    path: url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : "",
    query: url.search.slice(1),
    headers: [...request.headers],
    body,
    // Next sets x-forwarded-for from the socket when the client sent none; informational only.
    sourceAddress: request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || null,
  });
  if (!answer) throw new ApiError("not_found", "inboxNotFound");
  if (answer.delayMs > 0) await sleep(answer.delayMs, undefined, { signal: request.signal }).catch(() => {});
  const headers: Record<string, string> = {};
  if (answer.retryAfter !== null) headers["Retry-After"] = String(answer.retryAfter);
  if (request.method === "HEAD" || NO_BODY.has(answer.status)) {
    return new Response(null, { status: answer.status, headers });
  }
  return Response.json({ received: true }, { status: answer.status, headers });
});

export {
  capture as DELETE,
  capture as GET,
  capture as HEAD,
  capture as OPTIONS,
  capture as PATCH,
  capture as POST,
  capture as PUT,
};
