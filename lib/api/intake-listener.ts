import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import {
  apiContentSecurityPolicy,
  staticSecurityHeaders,
  strictTransportSecurity,
} from "@/lib/security/headers.mjs";
import { eventRouteOthers, health, postElementEvent, postEvent } from "./intake-routes";
import { MAX_BODY_BYTES } from "./read-json";
import { notFound } from "./route";

// The host platform's event routes on plain node:http, with the app's own handlers (intake-routes.ts): the
// same checks, answers and errors, without the framework's routing, rendering and request objects around
// them, which cost two thirds to three quarters of the app's CPU per event (README, "Intake and API"). The
// intake process (`npm run intake`) serves everything with it (all else is 404 in the error envelope); the
// app's server (scripts/server.mjs) only the event routes (isEventRoute), in front of Next.

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const EVENTS = "/api/internal/events";

// The headers next.config.mjs gives every /api answer of the app.
const fixedHeaders: [string, string][] = [
  ...staticSecurityHeaders.map(({ key, value }): [string, string] => [key, value]),
  ["Content-Security-Policy", apiContentSecurityPolicy],
];

function route(method: string, pathname: string): { handler: Handler; params: Record<string, string> } {
  const byMethod = (post: Handler) =>
    method === "POST" ? post : ((eventRouteOthers as Record<string, Handler>)[method] ?? notFound);
  if (pathname === EVENTS) return { handler: byMethod(postEvent), params: {} };
  const element = elementRoute(pathname);
  if (element) return { handler: byMethod(postElementEvent as Handler), params: element };
  if (pathname === "/api/health" && (method === "GET" || method === "HEAD"))
    return { handler: health, params: {} };
  return { handler: notFound, params: {} };
}

// `/api/internal/events/{trigger_element}/{trigger}`, both segments present and decodable.
function elementRoute(pathname: string): { trigger_element: string; trigger: string } | null {
  if (!pathname.startsWith(`${EVENTS}/`)) return null;
  const segments = pathname.slice(EVENTS.length + 1).split("/");
  if (segments.length !== 2 || !segments.every(Boolean)) return null;
  try {
    const [trigger_element = "", trigger = ""] = segments.map(decodeURIComponent);
    return { trigger_element, trigger };
  } catch {
    // A malformed escape is no address we serve.
    return null;
  }
}

/**
 * Whether a request target (path and query) is one of the event routes: the app's server
 * (scripts/server.mjs) hands those to this listener and everything else to Next.
 */
export function isEventRoute(target: string): boolean {
  const pathname = target.split("?", 1)[0] ?? "";
  return pathname === EVENTS || elementRoute(pathname) !== null;
}

async function toRequest(incoming: IncomingMessage, url: URL): Promise<Request> {
  const headers = new Headers();
  for (let index = 0; index < incoming.rawHeaders.length; index += 2) {
    headers.append(incoming.rawHeaders[index] ?? "", incoming.rawHeaders[index + 1] ?? "");
  }
  const hasBody = incoming.method !== "GET" && incoming.method !== "HEAD";
  return new Request(url, {
    method: incoming.method,
    headers,
    ...(hasBody ? { body: await bodyOf(incoming), duplex: "half" } : {}),
  } as RequestInit);
}

// A body of a declared length within the routes' limit (Node's parser holds it to that length) is read
// whole first: bridging the Node stream to a web stream cost about a fifth of the intake's CPU per event.
// Any other body streams, so the routes' own limit stops it as it is read (lib/api/read-body.ts).
async function bodyOf(incoming: IncomingMessage): Promise<Buffer | ReadableStream<Uint8Array>> {
  const declared = Number(incoming.headers["content-length"] ?? Number.NaN);
  if (!Number.isInteger(declared) || declared > MAX_BODY_BYTES) {
    return Readable.toWeb(incoming) as ReadableStream<Uint8Array>;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The request listener of the intake process, and of the app's event routes. */
export function intakeListener(): (incoming: IncomingMessage, outgoing: ServerResponse) => void {
  return (incoming, outgoing) => {
    void answer(incoming, outgoing).catch((error) => {
      console.error("[hooksmith] intake request failed:", error);
      if (!outgoing.headersSent) outgoing.writeHead(500);
      outgoing.end();
    });
  };
}

async function answer(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
  const url = new URL(incoming.url ?? "/", "http://intake.invalid");
  const method = (incoming.method ?? "GET").toUpperCase();
  const { handler, params } = route(method, url.pathname);
  const response = await handler(await toRequest(incoming, url), { params: Promise.resolve(params) });
  const headers: [string, string][] = [...fixedHeaders];
  if (incoming.headers["x-forwarded-proto"] === "https")
    headers.push([strictTransportSecurity.key, strictTransportSecurity.value]);
  for (const [name, value] of response.headers) headers.push([name, value]);
  const body = method === "HEAD" || !response.body ? null : Buffer.from(await response.arrayBuffer());
  if (body) headers.push(["Content-Length", String(body.length)]);
  // A body answered before it was read to its end (413) would keep the connection from carrying the next
  // request: this one closes after the answer instead.
  if (!incoming.complete) headers.push(["Connection", "close"]);
  outgoing.writeHead(response.status, headers.flat());
  outgoing.end(body);
}
