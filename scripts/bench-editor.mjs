// How the editor keeps up with typing on a big webhook (50 header rows, 50 body rows): types into the last
// body value and prints how long each keystroke took until the next frame was painted.
// Usage: npm run build && npm run bench:editor
import { chromium } from "@playwright/test";
import { startApp } from "../tests/helpers/app-process.mjs";
import { owner, ownerEnv } from "../tests/helpers/owner.mjs";

const ROWS = Number(process.env.BENCH_ROWS ?? 50);
const TEXT = "Hallo {{payload.first_name}}, du hast {{amount}} Plätze gebucht.";
const token = "bench-editor-token-0123456789";

const app = await startApp({ env: { API_TOKEN: token, ...ownerEnv } });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
try {
  const rows = (prefix) =>
    Array.from({ length: ROWS }, (_, i) => ({ key: `${prefix}-${i + 1}`, value: `v${i + 1}` }));
  const created = await fetch(`${app.baseUrl}/api/v1/webhook`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({
      name: "Big webhook",
      payload_url: "https://crm.example.com/hook",
      trigger: "create",
      trigger_element: "rsvp_answer",
      header: rows("X-Field"),
      body: rows("field"),
    }),
  });
  const { id } = await created.json();
  const page = await browser.newPage();
  // The editor needs a session; the page's request context shares its cookies with the page.
  const signIn = await page.request.post(`${app.baseUrl}/api/auth/sign-in/email`, {
    data: owner,
    headers: { origin: app.baseUrl },
  });
  if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()}`);
  await page.goto(`${app.baseUrl}/en/webhooks/${id}`);
  const cell = page.getByRole("textbox", { name: `Body field ${ROWS} value`, exact: true });
  await cell.click();
  await cell.press("End");
  // Each keystroke: from keydown until the frame after it has been painted.
  await page.evaluate(() => {
    window.__keyTimes = [];
    document.addEventListener(
      "keydown",
      () => {
        const start = performance.now();
        requestAnimationFrame(() => setTimeout(() => window.__keyTimes.push(performance.now() - start), 0));
      },
      true,
    );
  });
  for (const char of TEXT) await page.keyboard.type(char);
  await page.getByRole("region", { name: "Preview" }).getByText("du hast 2 Plätze").waitFor();
  const times = (await page.evaluate(() => window.__keyTimes)).sort((a, b) => a - b);
  const pick = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  const figures = {
    rows: ROWS * 2,
    keystrokes: times.length,
    p50_ms: Number(pick(0.5).toFixed(1)),
    p95_ms: Number(pick(0.95).toFixed(1)),
    max_ms: Number(times[times.length - 1].toFixed(1)),
  };
  console.log(`typing into a webhook with ${figures.rows} rows: keystroke to painted frame`);
  console.log(JSON.stringify(figures));
} finally {
  await browser.close();
  await app.stop();
}
