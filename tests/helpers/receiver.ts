import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as it arrived, body as raw bytes. */
export type ReceivedRequest = {
  method: string;
  /** Path and query, as on the request line. */
  url: string;
  /** Lower-cased names; repeated headers joined as Node joins them. */
  headers: IncomingHttpHeaders;
  /** Names as sent, in order, repeats kept. */
  rawHeaders: [string, string][];
  body: Buffer;
  receivedAt: number;
  /** When the connection of this request's answer closed (answered, or the client gave up); unset while open. */
  closedAt?: number;
};

export type Reply = {
  /** Default 200, or 302 with `redirect`. */
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Answer with a redirect to this location. */
  redirect?: string;
  /** Never answer; the connection stays open until the client gives up or the receiver closes. */
  hang?: boolean;
  /** After the status line, send body chunks until the client goes away. */
  endless?: boolean;
};

export type Responder = Reply | ((request: ReceivedRequest) => Reply);

export type Receiver = {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  /** Every request received so far, in order of arrival of its last byte. */
  requests: ReceivedRequest[];
  /** Answer all later requests this way (the default is 200 "ok"). */
  respondWith(responder: Responder): void;
  /** Answer the next request this way, then fall back; several calls queue up. */
  respondOnce(responder: Responder): void;
  /** Resolves once `count` requests in total have arrived; rejects after `timeoutMs`. */
  waitForRequests(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
};

/**
 * A real HTTP server on loopback that records what it receives and answers as programmed.
 * `host` is 127.0.0.1 by default; any loopback address works (::1, 127.0.0.2, …).
 */
export async function startReceiver(options: { host?: string } = {}): Promise<Receiver> {
  const host = options.host ?? "127.0.0.1";
  const requests: ReceivedRequest[] = [];
  const queued: Responder[] = [];
  let fallback: Responder = { status: 200, body: "ok" };
  const waiters = new Set<() => void>();
  const timers = new Set<NodeJS.Timeout>();

  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };

  const answer = (res: ServerResponse, reply: Reply) => {
    if (reply.hang || res.destroyed) return;
    const headers = { ...reply.headers };
    if (reply.redirect) headers.location = reply.redirect;
    res.writeHead(reply.status ?? (reply.redirect ? 302 : 200), headers);
    if (reply.endless) {
      const chunk = Buffer.alloc(4096, "x");
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) {}
        if (!res.destroyed) res.once("drain", pump);
      };
      return pump();
    }
    res.end(reply.body ?? "");
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const rawHeaders: [string, string][] = [];
      for (let index = 0; index + 1 < req.rawHeaders.length; index += 2) {
        rawHeaders.push([req.rawHeaders[index] as string, req.rawHeaders[index + 1] as string]);
      }
      const received: ReceivedRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        rawHeaders,
        body: Buffer.concat(chunks),
        receivedAt: Date.now(),
      };
      requests.push(received);
      res.once("close", () => {
        received.closedAt = Date.now();
      });
      for (const wake of [...waiters]) wake();

      const responder = queued.shift() ?? fallback;
      const reply = typeof responder === "function" ? responder(received) : responder;
      if (reply.delayMs) later(reply.delayMs, () => answer(res, reply));
      else answer(res, reply);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const hostInUrl = host.includes(":") ? `[${host}]` : host;

  return {
    url: `http://${hostInUrl}:${port}`,
    port,
    requests,
    respondWith(responder) {
      fallback = responder;
    },
    respondOnce(responder) {
      queued.push(responder);
    },
    waitForRequests(count, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (requests.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(requests.slice(0, count));
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} requests within ${timeoutMs} ms, got ${requests.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
