// Prints the first-load JavaScript of the main pages, gzipped: every script the page's HTML loads.
// Next 16 no longer prints these sizes in `next build`, so we measure what a browser actually fetches.
// Usage: npm run build && npm run measure:bundle
import { gzipSync } from "node:zlib";
import { startApp } from "../tests/helpers/app-process.mjs";
import { ownerEnv, signInCookie } from "../tests/helpers/owner.mjs";

const LIMIT_KB = 200;
const pages = ["/en/webhooks", "/en/webhooks/new", "/de/webhooks/new"];

// The pages need a session: the app creates an owner at start-up, and the script signs in as it.
const app = await startApp({ env: ownerEnv });
let failed = false;
try {
  const cookie = await signInCookie(app.baseUrl);
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
    if (page.endsWith("/new") && kb > LIMIT_KB) failed = true;
    console.log(
      `${page.padEnd(20)} ${String(scripts.length).padStart(3)} scripts  ${kb.toFixed(1)} kB gzipped`,
    );
  }
  console.log(`editor limit: ${LIMIT_KB} kB gzipped — ${failed ? "EXCEEDED" : "ok"}`);
} finally {
  await app.stop();
}
process.exit(failed ? 1 : 0);
