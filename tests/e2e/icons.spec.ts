import { expect, type Page, test } from "@playwright/test";

// Every page names its icons and manifest (app/layout.tsx, app/manifest.ts), and every one of them is
// there: no page logs a 404 for a favicon, an icon or the manifest, signed in or not.

function failures(page: Page): string[] {
  const failed: string[] = [];
  page.on("response", (response) => {
    if (response.status() >= 400 && !response.url().includes("/does-not-exist")) {
      failed.push(`${response.status()} ${response.url()}`);
    }
  });
  page.on("console", (message) => {
    if (message.type() === "error") failed.push(`console: ${message.text()}`);
  });
  return failed;
}

async function checkHead(page: Page) {
  const links = await page
    .locator('head link[rel="icon"], head link[rel="apple-touch-icon"], head link[rel="manifest"]')
    .evaluateAll((elements) => elements.map((element) => (element as HTMLLinkElement).href));
  expect(links.length).toBeGreaterThanOrEqual(5);
  for (const href of links) {
    const response = await page.request.get(href);
    expect(response.status(), href).toBe(200);
  }
  const manifestHref = links.find((href) => href.includes("manifest"));
  if (!manifestHref) throw new Error("no manifest link");
  const manifest = (await (await page.request.get(manifestHref)).json()) as { icons: { src: string }[] };
  for (const icon of manifest.icons) {
    const response = await page.request.get(new URL(icon.src, manifestHref).href);
    expect(response.status(), icon.src).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^image\//);
  }
}

test("signed-in pages name icons and a manifest that all exist, and log no 404", async ({ page }) => {
  const failed = failures(page);
  for (const path of ["/en/webhooks", "/de/inboxes", "/en/settings", "/de/webhooks/new"]) {
    await page.goto(path);
    await expect(page.locator("h1").first()).toBeVisible();
    await checkHead(page);
  }
  expect(failed).toEqual([]);
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("the sign-in page shows the logo and logs no 404 for its icons", async ({ page }) => {
    const failed = failures(page);
    for (const locale of ["en", "de"]) {
      await page.goto(`/${locale}/sign-in`);
      await expect(page.locator('img[src="/logo.svg"]')).toBeVisible();
      await checkHead(page);
    }
    expect(failed).toEqual([]);
  });
});
