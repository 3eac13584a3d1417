import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CurlRequest, shellQuote, toCurl } from "@/lib/http/curl";

// The command is judged by running it: the real shells (dash is /bin/sh here, and bash) run real curl
// against a loopback receiver, which reports the method, URL, headers and body bytes it got.
const run = promisify(execFile);

type Received = { method: string; url: string; headers: [string, string][]; body: Buffer };
let server: Server;
let base: string;
const received: Received[] = [];

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const headers: [string, string][] = [];
      for (let i = 0; i < request.rawHeaders.length; i += 2) {
        headers.push([request.rawHeaders[i] as string, request.rawHeaders[i + 1] as string]);
      }
      received.push({
        method: request.method ?? "",
        url: request.url ?? "",
        headers,
        body: Buffer.concat(chunks),
      });
      response.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

// As pasted: the command reaches the shell on its standard input, not as one (size-limited) argument.
async function replay(request: CurlRequest, shell: "sh" | "bash" = "sh"): Promise<Received> {
  received.length = 0;
  const child = spawn(shell, ["-e"], { stdio: ["pipe", "ignore", "pipe"] });
  let errors = "";
  child.stderr.on("data", (chunk: Buffer) => {
    errors += chunk.toString();
  });
  child.stdin.end(`${toCurl(request)} --silent --show-error --output /dev/null\n`);
  const [code] = await once(child, "close");
  expect(errors).toBe("");
  expect(code).toBe(0);
  expect(received).toHaveLength(1);
  return received[0] as Received;
}

const lower = (headers: [string, string][]) => headers.map(([name, value]) => [name.toLowerCase(), value]);

describe("toCurl", () => {
  it("sends a JSON POST with its headers exactly, adding none of curl's own", async () => {
    const body = JSON.stringify({ name: "O'Brien", quote: '"$HOME" `id` $(id) \\n', emoji: "🎉 Grüße" });
    const got = await replay({
      method: "POST",
      url: `${base}/hook?a=1&b=%20x`,
      headers: [
        ["Content-Type", "application/json"],
        ["webhook-id", "msg_1"],
        ["X-Quote", `it's "quoted" $PATH`],
      ],
      body,
    });
    expect(got.method).toBe("POST");
    expect(got.url).toBe("/hook?a=1&b=%20x");
    expect(got.body.toString("utf8")).toBe(body);
    expect(lower(got.headers)).toEqual([
      ["host", base.slice("http://".length)],
      ["content-type", "application/json"],
      ["webhook-id", "msg_1"],
      ["x-quote", `it's "quoted" $PATH`],
      ["content-length", String(Buffer.byteLength(body))],
    ]);
  });

  it("keeps newlines, carriage returns and tabs of a body byte for byte, in sh and bash", async () => {
    const body = "line one\nline two\r\n\ttabbed\r\n\n";
    for (const shell of ["sh", "bash"] as const) {
      const got = await replay(
        { method: "PUT", url: `${base}/`, headers: [["Content-Type", "text/plain"]], body },
        shell,
      );
      expect(got.method).toBe("PUT");
      expect(got.body.toString("utf8")).toBe(body);
    }
  });

  it("sends a form-encoded body as it is, without curl reading @ as a file name", async () => {
    for (const body of ["a=1&b=%40x&c=O%27Brien", "@/etc/passwd", "-d x", "%s%d%%\\n\\\\"]) {
      const got = await replay({
        method: "POST",
        url: `${base}/f`,
        headers: [["Content-Type", "application/x-www-form-urlencoded"]],
        body,
      });
      expect(got.body.toString("utf8")).toBe(body);
    }
  });

  it("sends binary bytes, NUL and invalid UTF-8 included, through printf with no raw control byte", async () => {
    const bytes = new Uint8Array(256).map((_, index) => index);
    const command = toCurl({ method: "POST", url: `${base}/b`, headers: [], body: bytes });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the command must hold none
    expect(command.replaceAll("\n", "")).not.toMatch(/[\u0000-\u001f\u007f]/);
    const got = await replay({ method: "POST", url: `${base}/b`, headers: [], body: bytes });
    expect([...got.body]).toEqual([...bytes]);
    // No Content-Type was sent, so curl's form default is left out too.
    expect(lower(got.headers).map(([name]) => name)).not.toContain("content-type");
  });

  it("sends a body larger than one shell argument may be, in several printfs", async () => {
    const body = `${"ä'%\\\u0001".repeat(60_000)}end`;
    const got = await replay({ method: "POST", url: `${base}/big`, headers: [], body });
    expect(got.body.toString("utf8")).toBe(body);
    const plain = "x".repeat(200_000);
    expect((await replay({ method: "POST", url: `${base}/big`, headers: [], body: plain })).body.length).toBe(
      200_000,
    );
  });

  it("sends GET without a body, HEAD as HEAD, and an empty header value as empty", async () => {
    const get = await replay({
      method: "GET",
      url: `${base}/q?x=[1]&y={2}&z=%C3%A4`,
      headers: [["X-Empty", ""]],
      body: null,
    });
    expect(get.method).toBe("GET");
    expect(get.url).toBe("/q?x=[1]&y={2}&z=%C3%A4");
    expect(lower(get.headers)).toContainEqual(["x-empty", ""]);
    expect((await replay({ method: "HEAD", url: `${base}/h`, headers: [], body: "" })).method).toBe("HEAD");
    expect((await replay({ method: "DELETE", url: `${base}/d`, headers: [], body: null })).method).toBe(
      "DELETE",
    );
  });

  it("turns a header value with a control character into escapes instead of pasting it raw", () => {
    const command = toCurl({
      method: "GET",
      url: "https://x.test/",
      headers: [["X-Bell", "a\u0007b"]],
      body: null,
    });
    expect(command).toContain(`"$(printf 'X-Bell: a\\007b')"`);
  });
});

describe("shellQuote", () => {
  it("quotes a single quote so the shell reads the text back unchanged", async () => {
    const value = `it's $HOME \`id\` "x" \\ 'end'`;
    const { stdout } = await run("sh", ["-c", `printf '%s' ${shellQuote(value)}`]);
    expect(stdout).toBe(value);
  });
});
