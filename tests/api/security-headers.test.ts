import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningApp, startApp } from "../helpers/app-process.mjs";

// Every answer carries the security headers; pages get a Content-Security-Policy with a fresh nonce that
// the page's own scripts carry, API answers one that allows nothing.

let app: RunningApp;

beforeAll(async () => {
  app = await startApp({ env: { API_TOKEN: "security-headers-token-0123" } });
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
