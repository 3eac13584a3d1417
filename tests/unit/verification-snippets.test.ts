import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signatureHeaders, signedContent } from "@/lib/dispatch/sign";
import { generateSigningSecret } from "@/lib/webhooks/secret";
import { verificationSnippet } from "@/lib/webhooks/verification-snippets";

// The Node.js snippet of the signing-secret card, run for real: written to a file in the repository (so
// it imports the `standardwebhooks` package from node_modules), started with node as a receiver would
// start it, and sent deliveries signed by lib/dispatch/sign.ts, as the sender signs them.

const secret = generateSigningSecret();
const folder = path.join(process.cwd(), ".test-data", `snippet-${process.pid}`);
let receiver: ChildProcess;
let base: string;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, "receiver.mjs");
  writeFileSync(file, verificationSnippet("node"));
  const port = await freePort();
  receiver = spawn(process.execPath, [file], {
    env: { ...process.env, HOOKSMITH_SECRET: secret, PORT: String(port) },
    stdio: "ignore",
  });
  base = `http://127.0.0.1:${port}`;
  await once(receiver, "spawn");
  // Up once it answers: the connection is refused until node has loaded the snippet.
  for (let tries = 0; ; tries++) {
    try {
      await fetch(base, { method: "POST" });
      break;
    } catch (error) {
      if (tries > 400) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
});

afterAll(() => {
  receiver.kill();
  rmSync(folder, { recursive: true, force: true });
});

// A delivery as the sender makes it: the signature over signedContent of the exact request sent.
async function deliver(
  method: string,
  url: string,
  body: string | null,
  type: string | null,
  tamper?: string,
) {
  const headers = signatureHeaders({
    id: "2f1d6a0e-9c4b-4b8e-8a7f-3e5d1c2b0a99",
    timestamp: new Date(),
    body: signedContent({ method, url, body }),
    secrets: [secret],
  });
  const response = await fetch(tamper ?? url, {
    method,
    headers: { ...headers, ...(type ? { "content-type": type } : {}) },
    body: body ?? undefined,
  });
  return response.status;
}

describe("the Node.js verification snippet", () => {
  it("accepts a JSON delivery signed by the sender", async () => {
    const body = JSON.stringify({ element_data: { name: "Jürgen 🎉" }, seats: 2 });
    expect(await deliver("POST", `${base}/hooks`, body, "application/json")).toBe(204);
  });

  it("accepts a form-encoded delivery, verifying the raw body text", async () => {
    const body = "guest=J%C3%BCrgen&note=it%27s+%22quoted%22&seats=2";
    expect(await deliver("PUT", `${base}/hooks`, body, "application/x-www-form-urlencoded")).toBe(204);
  });

  it("accepts a GET whose query string carries the data, and refuses it once the query changes", async () => {
    const url = `${base}/hooks?guest=J%C3%BCrgen&seats=2`;
    expect(await deliver("GET", url, null, null)).toBe(204);
    expect(await deliver("GET", url, null, null, `${base}/hooks?guest=J%C3%BCrgen&seats=20`)).toBe(400);
  });

  it("refuses a body changed on the way and a delivery signed with another secret", async () => {
    const body = JSON.stringify({ seats: 2 });
    const headers = signatureHeaders({ id: "x1", timestamp: new Date(), body, secrets: [secret] });
    const changed = await fetch(`${base}/hooks`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ seats: 3 }),
    });
    expect(changed.status).toBe(400);
    const other = signatureHeaders({
      id: "x2",
      timestamp: new Date(),
      body,
      secrets: [generateSigningSecret()],
    });
    const foreign = await fetch(`${base}/hooks`, { method: "POST", headers: other, body });
    expect(foreign.status).toBe(400);
  });

  it("refuses a signature whose timestamp is more than 5 minutes old", async () => {
    const body = "{}";
    const headers = signatureHeaders({
      id: "x3",
      timestamp: new Date(Date.now() - 6 * 60 * 1000),
      body,
      secrets: [secret],
    });
    expect((await fetch(`${base}/hooks`, { method: "POST", headers, body })).status).toBe(400);
  });
});
