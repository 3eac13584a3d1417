import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeIdlePools, headerValue, pinnedLookup, type SendConfig, sendRequest } from "@/lib/dispatch/send";
import { signatureHeaders } from "@/lib/dispatch/sign";
import { generateSigningSecret } from "@/lib/webhooks/secret";
import { type Receiver, startReceiver } from "../helpers/receiver";

const config: SendConfig = {
  timeoutMs: 5000,
  connectTimeoutMs: 2000,
  responseBodyLimit: 16 * 1024,
  allowPrivateTargets: false,
  allowedTargetHosts: ["127.0.0.1", "::1", "localhost"],
};

let receiver: Receiver;

beforeAll(async () => {
  receiver = await startReceiver();
});

afterAll(async () => {
  await receiver.close();
});

afterEach(() => {
  receiver.requests.length = 0;
  receiver.respondWith({ status: 200, body: "ok" });
});

const post = (body: string, headers: [string, string][] = [], path = "/hook") => ({
  method: "POST",
  url: `${receiver.url}${path}`,
  headers: [["content-type", "application/json"] as [string, string], ...headers],
  body,
});

async function closedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, "close");
  return port;
}

describe("sendRequest", () => {
  it("delivers exactly the given bytes with content-length, and reports a 2xx as ok", async () => {
    const body = JSON.stringify({ element_data: { name: "Jürgen 🎉", note: "line\r\nbreak" }, seats: 2 });
    receiver.respondOnce({ status: 201, headers: { "x-receiver": "yes" }, body: "created" });

    const result = await sendRequest(post(body, [["X-Custom", "a"]], "/hook?source=test&x=%C3%BC"), config);

    expect(result).toMatchObject({ ok: true, status: 201, body: "created", bodyTruncated: false });
    expect(result.errorKind).toBeUndefined();
    expect(headerValue(result.headers, "X-Receiver")).toBe("yes");
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    const [received] = receiver.requests;
    expect(received?.method).toBe("POST");
    expect(received?.url).toBe("/hook?source=test&x=%C3%BC");
    expect(received?.body.equals(Buffer.from(body, "utf8"))).toBe(true);
    expect(received?.headers["content-length"]).toBe(String(Buffer.byteLength(body)));
    expect(received?.headers["content-type"]).toBe("application/json");
    expect(received?.headers["x-custom"]).toBe("a");
    expect(received?.headers.host).toBe(`127.0.0.1:${receiver.port}`);
    expect(received?.headers["transfer-encoding"]).toBeUndefined();
  });

  it("sends a signature the receiver verifies with standardwebhooks", async () => {
    const secret = generateSigningSecret();
    const body = JSON.stringify({ element_data: { id: "a1", amount: 2.5 } });
    const signed = signatureHeaders({ id: "delivery-1", timestamp: new Date(), body, secrets: [secret] });
    await sendRequest(post(body, Object.entries(signed)), config);
    const [received] = receiver.requests;
    const headers = received?.headers as Record<string, string>;
    expect(new Webhook(secret).verify(received?.body.toString("utf8") ?? "", headers)).toEqual(
      JSON.parse(body),
    );
  });

  it("keeps repeated headers and ignores the ones that describe the wire", async () => {
    await sendRequest(
      post("{}", [
        ["X-Tag", "one"],
        ["X-Tag", "two"],
        ["Host", "evil.example"],
        ["Content-Length", "999"],
        ["Transfer-Encoding", "chunked"],
      ]),
      config,
    );
    const [received] = receiver.requests;
    expect(received?.rawHeaders.filter(([name]) => name === "X-Tag")).toEqual([
      ["X-Tag", "one"],
      ["X-Tag", "two"],
    ]);
    expect(received?.headers.host).toBe(`127.0.0.1:${receiver.port}`);
    expect(received?.headers["content-length"]).toBe("2");
    expect(received?.headers["transfer-encoding"]).toBeUndefined();
  });

  it("sends GET without a body", async () => {
    const result = await sendRequest(
      { method: "GET", url: `${receiver.url}/hook?element_data=%7B%7D`, headers: [], body: null },
      config,
    );
    expect(result.ok).toBe(true);
    const [received] = receiver.requests;
    expect(received?.method).toBe("GET");
    expect(received?.url).toBe("/hook?element_data=%7B%7D");
    expect(received?.body).toHaveLength(0);
    expect(received?.headers["content-length"]).toBeUndefined();
    expect(received?.headers["transfer-encoding"]).toBeUndefined();
  });

  it("sends an empty body with content-length 0", async () => {
    await sendRequest({ method: "POST", url: `${receiver.url}/x`, headers: [], body: "" }, config);
    expect(receiver.requests[0]?.headers["content-length"]).toBe("0");
    // RFC 9110 §8.6: no Content-Length on a request without content whose method expects none.
    await sendRequest({ method: "DELETE", url: `${receiver.url}/x`, headers: [], body: "" }, config);
    expect(receiver.requests[1]?.body).toHaveLength(0);
    expect(receiver.requests[1]?.headers["transfer-encoding"]).toBeUndefined();
  });

  it("reports a 500 as a failure with its status and body", async () => {
    receiver.respondOnce({ status: 500, body: "boom" });
    const result = await sendRequest(post("{}"), config);
    expect(result).toMatchObject({ ok: false, status: 500, body: "boom" });
    expect(result.errorKind).toBeUndefined();
  });

  it("returns Retry-After with a 429", async () => {
    receiver.respondOnce({ status: 429, headers: { "Retry-After": "120" } });
    const result = await sendRequest(post("{}"), config);
    expect(result).toMatchObject({ ok: false, status: 429 });
    expect(headerValue(result.headers, "retry-after")).toBe("120");
  });

  it("does not follow a redirect", async () => {
    const elsewhere = await startReceiver();
    try {
      receiver.respondOnce({ redirect: `${elsewhere.url}/moved` });
      const result = await sendRequest(post("{}"), config);
      expect(result).toMatchObject({ ok: false, status: 302 });
      expect(headerValue(result.headers, "location")).toBe(`${elsewhere.url}/moved`);
      expect(receiver.requests).toHaveLength(1);
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });

  it("gives up on a slow receiver at the total timeout", async () => {
    receiver.respondOnce({ delayMs: 3000 });
    const result = await sendRequest(post("{}"), { ...config, timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, errorKind: "timeout" });
    expect(result.status).toBeUndefined();
    expect(result.durationMs).toBeGreaterThanOrEqual(290);
    expect(result.durationMs).toBeLessThan(2000);
  });

  it("gives up on a receiver that never answers", async () => {
    receiver.respondOnce({ hang: true });
    const result = await sendRequest(post("{}"), { ...config, timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, errorKind: "timeout" });
    expect(receiver.requests).toHaveLength(1);
  });

  it("reports a closed port as refused", async () => {
    const port = await closedPort();
    const result = await sendRequest({ ...post("{}"), url: `http://127.0.0.1:${port}/` }, config);
    expect(result).toMatchObject({ ok: false, errorKind: "refused" });
    expect(result.errorMessage).toContain("ECONNREFUSED");
  });

  it("reads at most 16 KiB of the response body", async () => {
    receiver.respondOnce({ body: "é".repeat(20 * 1024) });
    const result = await sendRequest(post("{}"), config);
    expect(result).toMatchObject({ ok: true, status: 200, bodyTruncated: true });
    expect(Buffer.byteLength(result.body)).toBe(16 * 1024);
  });

  it("keeps a body of exactly the limit whole", async () => {
    receiver.respondOnce({ body: "x".repeat(16 * 1024) });
    const result = await sendRequest(post("{}"), config);
    expect(result).toMatchObject({ ok: true, bodyTruncated: false });
    expect(result.body).toHaveLength(16 * 1024);
  });

  it("stops reading an endless body at the limit instead of waiting for the timeout", async () => {
    receiver.respondOnce({ status: 200, endless: true });
    const result = await sendRequest(post("{}"), { ...config, timeoutMs: 3000 });
    expect(result).toMatchObject({ ok: true, bodyTruncated: true });
    expect(result.body).toHaveLength(16 * 1024);
    expect(result.durationMs).toBeLessThan(2000);
  });

  it("refuses a loopback target without an opt-in, sending nothing", async () => {
    const result = await sendRequest(post("{}"), { ...config, allowedTargetHosts: [] });
    expect(result).toMatchObject({ ok: false, errorKind: "blocked" });
    expect(result.errorMessage).toContain("127.0.0.1");
    expect(receiver.requests).toHaveLength(0);
  });

  it("connects to a hostname through its checked address, with the hostname in Host", async () => {
    const result = await sendRequest(
      { ...post("{}"), url: `http://localhost:${receiver.port}/named` },
      config,
    );
    expect(result.ok).toBe(true);
    expect(receiver.requests[0]?.headers.host).toBe(`localhost:${receiver.port}`);
    const refused = await sendRequest(
      { ...post("{}"), url: `http://localhost:${receiver.port}/named` },
      { ...config, allowedTargetHosts: [] },
    );
    expect(refused).toMatchObject({ ok: false, errorKind: "blocked" });
  });

  it("sends to an IPv6 loopback receiver", async () => {
    const v6 = await startReceiver({ host: "::1" });
    try {
      const result = await sendRequest({ ...post("{}"), url: `${v6.url}/six` }, config);
      expect(result.ok).toBe(true);
      expect(v6.requests[0]?.headers.host).toBe(`[::1]:${v6.port}`);
    } finally {
      await v6.close();
    }
  });

  it("reuses a kept-alive connection, and retries once on a new one when the server has closed it", async () => {
    // Answers the first request on each connection; drops the connection on a second one.
    const seen: string[] = [];
    const perConnection = new WeakMap<object, number>();
    const server = createServer((req, res) => {
      const count = (perConnection.get(req.socket) ?? 0) + 1;
      perConnection.set(req.socket, count);
      seen.push(`${req.url} #${count}`);
      if (count > 1) req.socket.destroy();
      else res.end("ok");
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    try {
      const first = await sendRequest({ ...post("{}"), url: `http://127.0.0.1:${port}/one` }, config);
      const second = await sendRequest({ ...post("{}"), url: `http://127.0.0.1:${port}/two` }, config);
      expect(first.ok).toBe(true);
      expect(second.ok).toBe(true);
      expect(seen).toEqual(["/one #1", "/two #2", "/two #1"]);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it("closes the connection pools of targets no longer called, and opens one again when needed", async () => {
    const other = await startReceiver();
    try {
      expect((await sendRequest({ ...post("{}"), url: `${other.url}/a` }, config)).ok).toBe(true);
      expect((await sendRequest(post("{}"), config)).ok).toBe(true);
      // Just used: kept.
      expect(closeIdlePools(60_000, Date.now())).toBeGreaterThanOrEqual(2);
      // A minute later nothing is left, however many targets there were.
      expect(closeIdlePools(60_000, Date.now() + 60_000)).toBe(0);
      expect((await sendRequest({ ...post("{}"), url: `${other.url}/b` }, config)).ok).toBe(true);
      expect(other.requests.map((request) => request.url)).toEqual(["/a", "/b"]);
    } finally {
      await other.close();
    }
  });

  it("reports a host that does not resolve as dns", async () => {
    const result = await sendRequest({ ...post("{}"), url: "http://does-not-exist.invalid/" }, config);
    expect(result).toMatchObject({ ok: false, errorKind: "dns" });
  });

  it("reports a failed TLS handshake as tls", async () => {
    const result = await sendRequest({ ...post("{}"), url: `https://127.0.0.1:${receiver.port}/` }, config);
    expect(result).toMatchObject({ ok: false, errorKind: "tls" });
  });

  it("reports a header value with a line break as invalid and sends nothing", async () => {
    const result = await sendRequest(post("{}", [["X-Evil", "a\r\nInjected: yes"]]), config);
    expect(result).toMatchObject({ ok: false, errorKind: "invalid" });
    const badName = await sendRequest(post("{}", [["Bad Name", "x"]]), config);
    expect(badName).toMatchObject({ ok: false, errorKind: "invalid" });
    expect(receiver.requests).toHaveLength(0);
  });

  it("reports an unusable URL as invalid", async () => {
    expect(await sendRequest({ ...post("{}"), url: "mailto:a@example.com" }, config)).toMatchObject({
      ok: false,
      errorKind: "invalid",
    });
  });
});

describe("connect timeout", () => {
  // A socket that listens with a full backlog and never accepts: further SYNs go unanswered,
  // which is how an unreachable host looks, but on loopback.
  let listener: ChildProcess;
  let port: number;

  beforeAll(async () => {
    listener = spawn("python3", [
      "-c",
      "import socket,sys,time\n" +
        "s=socket.socket(); s.bind(('127.0.0.1',0)); s.listen(0)\n" +
        "print(s.getsockname()[1], flush=True)\n" +
        "c=socket.create_connection(('127.0.0.1', s.getsockname()[1]))\n" +
        "print('full', flush=True)\n" +
        "time.sleep(60)",
    ]);
    const lines: string[] = [];
    listener.stdout?.setEncoding("utf8");
    await new Promise<void>((resolve, reject) => {
      listener.once("error", reject);
      listener.stdout?.on("data", (text: string) => {
        lines.push(...text.split("\n").filter(Boolean));
        if (lines.includes("full")) resolve();
      });
    });
    port = Number(lines[0]);
  });

  afterAll(() => {
    listener.kill();
  });

  it("gives up when the connection does not open within the connect timeout", async () => {
    const result = await sendRequest(
      { method: "POST", url: `http://127.0.0.1:${port}/`, headers: [], body: "{}" },
      { ...config, connectTimeoutMs: 200, timeoutMs: 5000 },
    );
    expect(result).toMatchObject({ ok: false, errorKind: "timeout" });
    expect(result.errorMessage).toContain("connect");
    expect(result.durationMs).toBeLessThan(2000);
  });
});

describe("pinnedLookup", () => {
  it("answers with the checked addresses whatever name it is asked for, so DNS is not asked again", () => {
    const lookup = pinnedLookup([
      { address: "127.0.0.1", family: 4 },
      { address: "::1", family: 6 },
    ]);
    const answers: unknown[] = [];
    lookup("rebound.example", { all: true }, (error, address) => answers.push([error, address]));
    lookup("rebound.example", {}, (error, address, family) => answers.push([error, address, family]));
    expect(answers).toEqual([
      [
        null,
        [
          { address: "127.0.0.1", family: 4 },
          { address: "::1", family: 6 },
        ],
      ],
      [null, "127.0.0.1", 4],
    ]);
  });
});
