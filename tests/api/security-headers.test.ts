import { connect } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningApp, startApp } from "../helpers/app-process.mjs";

// Every answer carries the security headers; pages get a Content-Security-Policy with a fresh nonce that
// the page's own scripts carry, API answers one that allows nothing. The app runs as `npm start` runs it,
// on 127.0.0.1 only (HOSTNAME), with an https public URL (Strict-Transport-Security).

const PUBLIC_URL = "https://hooks.example.com";
let app: RunningApp;

beforeAll(async () => {
  app = await startApp({
    npmStart: true,
    env: { API_TOKEN: "security-headers-token-0123", HOSTNAME: "127.0.0.1", BETTER_AUTH_URL: PUBLIC_URL },
  });
});

afterAll(async () => {
  await app?.stop();
});

function expectCommonHeaders(response: Response) {
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  expect(response.headers.get("x-frame-options")).toBe("DENY");
  expect(response.headers.get("x-powered-by")).toBeNull();
}

it("gives each page view a strict CSP whose nonce the page's scripts carry", async () => {
  const first = await fetch(`${app.baseUrl}/en/sign-in`, { redirect: "manual" });
  const second = await fetch(`${app.baseUrl}/en/sign-in`, { redirect: "manual" });
  for (const response of [first, second]) expectCommonHeaders(response);
  const policy = first.headers.get("content-security-policy") ?? "";
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).not.toContain("'unsafe-eval'");
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce).toBeTruthy();
  expect(second.headers.get("content-security-policy")).not.toContain(`'nonce-${nonce}'`);
  // The scripts of the page carry this response's nonce, so the browser runs them.
  const html = await first.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
});

it("puts the headers on API answers too, with a CSP that allows nothing", async () => {
  const response = await fetch(`${app.baseUrl}/api/v1/openapi.json`);
  expect(response.status).toBe(200);
  expectCommonHeaders(response);
  expect(response.headers.get("content-security-policy")).toBe(
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
  );
});

it("listens only on the interface HOSTNAME names", async () => {
  // All of 127.0.0.0/8 is this machine: a server on every interface would answer on 127.0.0.2 too.
  const reached = (host: string) =>
    new Promise<boolean>((resolve) => {
      const socket = connect({ host, port: app.port });
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
  expect(await reached("127.0.0.1")).toBe(true);
  expect(await reached("127.0.0.2")).toBe(false);
});

it("answers a server action from another origin with 403, and leaves same-origin posts to Next", async () => {
  const action = (origin: string) =>
    fetch(`${app.baseUrl}/en/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "next-action": "7f3c2b1a9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a",
        "content-type": "text/plain",
        origin,
      },
      body: "[]",
    });
  for (const origin of ["https://evil.example", "null", `http://127.0.0.1:${app.port + 1}`]) {
    const refused = await action(origin);
    expect(refused.status, origin).toBe(403);
    expectCommonHeaders(refused);
  }
  // The same origin reaches Next, which answers an unknown action itself: not a refusal of ours, not a 500.
  const same = await action(app.baseUrl);
  expect(same.status).not.toBe(403);
  expect(same.status).toBeLessThan(500);
});

it("sends Strict-Transport-Security on pages when the public URL is https, and on all answers forwarded as https", async () => {
  const hsts = "max-age=31536000";
  const page = await fetch(`${app.baseUrl}/en/sign-in`, { redirect: "manual" });
  expect(page.headers.get("strict-transport-security")).toBe(hsts);
  const forwarded = { "x-forwarded-proto": "https" };
  const api = await fetch(`${app.baseUrl}/api/v1/openapi.json`, { headers: forwarded });
  expect(api.headers.get("strict-transport-security")).toBe(hsts);
  // Once, also where both rules apply.
  const forwardedPage = await fetch(`${app.baseUrl}/en/sign-in`, { headers: forwarded, redirect: "manual" });
  expect(forwardedPage.headers.get("strict-transport-security")).toBe(hsts);
  // Plain http to the API, without a forwarded https: nothing to pin.
  const plain = await fetch(`${app.baseUrl}/api/v1/openapi.json`);
  expect(plain.headers.get("strict-transport-security")).toBeNull();
});
