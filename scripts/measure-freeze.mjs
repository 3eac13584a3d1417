// Issue 9, item 1 (run `npm run build` first): `node scripts/measure-freeze.mjs`.
// Starts the built app (as the API tests do), then sends the freeze payload of issue 9 while a second
// client sends GET /api/v1/webhook/all back to back; prints the POST's time to answer and the slowest GET
// (an upper bound of how long the event loop was held).
import { startApp } from "../tests/helpers/app-process.mjs";

const TOKEN = "measure-token-3b5f0c8e9a1d4e7f";
const app = await startApp({ env: { API_TOKEN: TOKEN } });
const headers = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };
const freeze = `${"{{#if a}}".repeat(8000)}x${"{{/if}}".repeat(8000)}`;
const nested = `{{a ${"(b ".repeat(1000)}${")".repeat(1000)}}}`;
const rows = (value) => Array.from({ length: 100 }, (_, i) => ({ key: `X-K${i}`, value }));
const base = {
  name: "x",
  payload_url: "https://crm.example.com/h",
  trigger_element: "rsvp_answer",
  trigger: "create",
};
try {
  for (let warm = 0; warm < 20; warm++) await fetch(`${app.baseUrl}/api/v1/webhook/all`, { headers });
  const alone = [];
  for (let run = 0; run < 30; run++) {
    const started = performance.now();
    await fetch(`${app.baseUrl}/api/v1/webhook/all`, { headers });
    alone.push(performance.now() - started);
  }
  alone.sort((a, b) => a - b);
  console.log(`GET alone: median ${alone[15].toFixed(0)} ms, slowest ${alone[29].toFixed(0)} ms`);
  const valid = await fetch(`${app.baseUrl}/api/v1/webhook`, {
    method: "POST",
    headers,
    body: JSON.stringify(base),
  });
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    await fetch(`${app.baseUrl}/api/v1/webhook`, {
      method: "POST",
      headers,
      body: JSON.stringify({ ...base, body: [{ key: "a", value: "x".repeat(9000) }] }),
    });
    if (run === 4)
      console.log(
        `a plain 9000-character value (422, no template): ${(performance.now() - started).toFixed(0)} ms; first valid POST ${valid.status}`,
      );
  }
  for (const [name, body] of [
    ["freeze payload (one 125 KiB body value)", { ...base, body: [{ key: "a", value: freeze }] }],
    ["200 values of 4 KiB sub-expressions", { ...base, header: rows(nested), body: rows(nested) }],
  ]) {
    let done = false;
    let slowest = 0;
    let gets = 0;
    const pinger = (async () => {
      while (!done) {
        const started = performance.now();
        await fetch(`${app.baseUrl}/api/v1/webhook/all`, { headers });
        slowest = Math.max(slowest, performance.now() - started);
        gets += 1;
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    const response = await fetch(`${app.baseUrl}/api/v1/webhook`, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
    });
    const answered = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
    done = true;
    await pinger;
    console.log(
      `${name}: ${response.status} in ${answered.toFixed(0)} ms; ${gets} GETs beside it, slowest ${slowest.toFixed(0)} ms`,
    );
  }
} finally {
  await app.stop();
}
