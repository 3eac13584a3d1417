// Renders the app's icon PNGs from public/favicon.svg with Playwright's Chromium (Debian's where it exists),
// so the PNGs never drift from the SVG: `node scripts/generate-icons.mjs`, then commit public/*.png.
// The apple-touch icon is square and opaque (iOS rounds the corners itself and shows transparency black).
import { existsSync, readFileSync } from "node:fs";
import { chromium } from "@playwright/test";

const svg = readFileSync(new URL("../public/favicon.svg", import.meta.url), "utf8");
const out = (name) => new URL(`../public/${name}`, import.meta.url).pathname;
const sizes = [
  { name: "icon-16.png", size: 16 },
  { name: "icon-32.png", size: 32 },
  { name: "icon-192.png", size: 192 },
  { name: "icon-512.png", size: 512 },
  { name: "apple-touch-icon.png", size: 180, square: true },
];

const executablePath = existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
const browser = await chromium.launch({
  executablePath,
  args: ["--no-sandbox", "--headless", "--disable-gpu"],
});
try {
  for (const { name, size, square } of sizes) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    // A square icon: the SVG's rounded background drawn to the edges.
    const image = square ? svg.replace('rx="7"', 'rx="0"') : svg;
    await page.setContent(
      `<html><body style="margin:0;background:transparent"><div style="width:${size}px;height:${size}px">${image.replace(
        "<svg ",
        `<svg width="${size}" height="${size}" `,
      )}</div></body></html>`,
    );
    await page.screenshot({
      path: out(name),
      omitBackground: !square,
      clip: { x: 0, y: 0, width: size, height: size },
    });
    await page.close();
    console.log(`public/${name} (${size}×${size})`);
  }
} finally {
  await browser.close();
}
