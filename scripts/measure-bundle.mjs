// Prints the first-load JavaScript of the main pages, gzipped: every script the page's HTML loads.
// Next 16 no longer prints these sizes in `next build`, so we measure what a browser actually fetches.
// Usage: npm run build && npm run measure:bundle
import { gzipSync } from "node:zlib";
import { startApp } from "../tests/helpers/app-process.mjs";
import { ownerEnv, signInCookie } from "../tests/helpers/owner.mjs";

const LIMIT_KB = 200;
const token = "measure-bundle-token-0123456789";
const isEditor = (page) => /\/webhooks\/(new|[0-9a-f-]{36})$/.test(page);

// The pages need a session: the app creates an owner at start-up, and the script signs in as it.
const app = await startApp({ env: { API_TOKEN: token, ...ownerEnv } });
let failed = false;
try {
  const cookie = await signInCookie(app.baseUrl);
  // A saved webhook's editor loads more than a new one's (test send, signing secret, snippets).
  const created = await fetch(`${app.baseUrl}/api/v1/webhook`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({
      name: "Bundle webhook",
      payload_url: "https://crm.example.com/hook",
      trigger: "create",
      trigger_element: "rsvp_answer",
    }),
  });
  if (!created.ok) throw new Error(`creating a webhook failed: ${created.status}`);
  const { id } = await created.json();
  const pages = ["/en/webhooks", "/en/webhooks/new", "/de/webhooks/new", `/en/webhooks/${id}`];
  const seen = new Map();
  for (const page of pages) {
    const response = await fetch(app.baseUrl + page, { headers: { cookie }, redirect: "manual" });
    if (response.status !== 200) throw new Error(`${page} answered ${response.status}, not the page`);
    const html = await response.text();
    // noModule scripts are polyfills that modern browsers never download.
    const scripts = [...html.matchAll(/<script([^>]*)\ssrc="([^"]+\.js)"[^>]*>/g)]
      .filter((match) => !/nomodule/i.test(match[0]))
      .map((match) => match[2]);
    let total = 0;
    for (const src of new Set(scripts)) {
      if (!seen.has(src)) {
        const code = Buffer.from(await (await fetch(app.baseUrl + src)).arrayBuffer());
        seen.set(src, gzipSync(code, { level: 6 }).length);
      }
      total += seen.get(src);
    }
    const kb = total / 1024;
    if (isEditor(page) && kb > LIMIT_KB) failed = true;
    const name = page.replace(id, "{id}");
    console.log(
      `${name.padEnd(20)} ${String(scripts.length).padStart(3)} scripts  ${kb.toFixed(1)} kB gzipped`,
    );
    if (process.env.BUNDLE_DETAIL) {
      for (const src of [...new Set(scripts)].sort((a, b) => seen.get(b) - seen.get(a))) {
        console.log(`    ${(seen.get(src) / 1024).toFixed(1).padStart(6)} kB  ${src}`);
      }
    }
  }
  console.log(`editor limit: ${LIMIT_KB} kB gzipped — ${failed ? "EXCEEDED" : "ok"}`);
} finally {
  await app.stop();
}
process.exit(failed ? 1 : 0);
