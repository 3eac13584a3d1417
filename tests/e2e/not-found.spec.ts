import { expect, type Page, test } from "@playwright/test";

// Unknown pages while signed in: the app's own not-found page, in the URL's language, under the app's
// header, with a 404 and without a single console error (a prerendered 404 page's scripts had no CSP nonce).

function consoleErrors(page: Page, path: string): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const { url } = message.location();
    // The browser reports the document's own 404 status as a failed load (that one is the point), and
    // the favicon it asks for by itself (the app has none), on every page alike.
    const missing = url ? new URL(url).pathname : "";
    if (/status of 404/.test(message.text()) && (missing === path || missing === "/favicon.ico")) return;
    errors.push(`${message.text()} (${url})`);
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

const en = { title: "Page not found", navigation: "Main navigation" };
const de = { title: "Seite nicht gefunden", navigation: "Hauptnavigation" };
const cases = [
  { path: "/en/no-such-page", ...en, header: true },
  { path: "/de/foo/bar", ...de, header: true },
  { path: "/en/.env", ...en, header: true },
  { path: "/de/webhooks/new/.git/config", ...de, header: true },
  // Outside a locale: the browser's language (English here), the app's name linking to the webhooks.
  { path: "/.env", ...en, header: false },
];

for (const { path, title, navigation: navigationName, header } of cases) {
  test(`answers ${path} with the app's own not-found page`, async ({ page }) => {
    const errors = consoleErrors(page, path);
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    const navigation = page.getByRole("navigation", { name: navigationName });
    await expect(navigation.getByRole("link", { name: "Hooksmith" })).toBeVisible();
    // Signed in, the full header: the webhooks link of the app's header (a client component, hydrated).
    if (header) await expect(navigation.getByRole("link", { name: "Webhooks" })).toBeVisible();
    await expect(page.getByText("This page could not be found")).toHaveCount(0);
    // Every script has loaded (a refused one is reported as it is refused): none was blocked by the CSP.
    await page.waitForLoadState("load");
    expect(errors).toEqual([]);
  });
}
