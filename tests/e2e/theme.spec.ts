import { expect, test } from "@playwright/test";
import { lowContrastTexts, pageIsDark } from "./contrast";
import { e2eEnv } from "./e2e-env.mjs";
import { openAccountMenu } from "./header";

// Dark mode follows the system until someone picks a theme in the account menu; the choice outlives a
// reload. Text keeps a contrast of at least 4.5:1 (3:1 when large) on every main page, in both themes.

const texts = {
  en: { light: "Light", dark: "Dark", system: "System" },
  de: { light: "Hell", dark: "Dunkel", system: "System" },
} as const;

for (const locale of ["en", "de"] as const) {
  test(`follows the system's dark setting; the account menu overrides it across a reload (${locale})`, async ({
    page,
  }) => {
    const t = texts[locale];
    const html = page.locator("html");
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(`/${locale}/webhooks`);
    await expect(html).toHaveClass(/\bdark\b/);
    expect(await pageIsDark(page)).toBe(true);

    // Light, chosen in the menu, wins over the system's dark, also after a reload.
    let menu = await openAccountMenu(page);
    await expect(menu.getByRole("menuitemradio", { name: t.system })).toHaveAttribute("aria-checked", "true");
    await menu.getByRole("menuitemradio", { name: t.light }).click();
    await expect(html).toHaveClass(/\blight\b/);
    await page.reload();
    await expect(html).toHaveClass(/\blight\b/);
    expect(await pageIsDark(page)).toBe(false);

    // Dark, chosen while the system is light.
    await page.emulateMedia({ colorScheme: "light" });
    menu = await openAccountMenu(page);
    await expect(menu.getByRole("menuitemradio", { name: t.light })).toHaveAttribute("aria-checked", "true");
    await menu.getByRole("menuitemradio", { name: t.dark }).click();
    await expect(html).toHaveClass(/\bdark\b/);
    await page.reload();
    await expect(html).toHaveClass(/\bdark\b/);

    // Back to the system's setting: light again.
    menu = await openAccountMenu(page);
    await menu.getByRole("menuitemradio", { name: t.system }).click();
    await expect(html).toHaveClass(/\blight\b/);
    expect(await pageIsDark(page)).toBe(false);
  });
}

test("the theme is set before the page paints: its script runs first, with the page's nonce", async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: "dark" });
  // What the HTML parser meets first in <body>: the theme script, before the header.
  const response = await page.goto("/en/webhooks");
  const html = (await response?.text()) ?? "";
  const body = html.slice(html.indexOf("<body"));
  const script = body.indexOf("<script");
  expect(script).toBeGreaterThan(-1);
  expect(script).toBeLessThan(body.indexOf("<header"));
  const nonce = /'nonce-([^']+)'/.exec(response?.headers()["content-security-policy"] ?? "")?.[1];
  expect(body.slice(script, body.indexOf(">", script))).toContain(`nonce="${nonce}"`);
  // …and it ran: the class was there before React took over.
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
});

for (const scheme of ["dark", "light"] as const) {
  test(`every main page is readable in the ${scheme} theme`, async ({ page, request }) => {
    const created = await request.post("/api/v1/webhook", {
      headers: { authorization: `Bearer ${e2eEnv.API_TOKEN}` },
      data: {
        name: `Contrast ${scheme} ${Math.random().toString(36).slice(2, 8)}`,
        payload_url: "https://crm.example.com/hooks",
        trigger_element: "sponsor",
        trigger: "view",
        header: [{ key: "X-Team", value: "events" }],
      },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    try {
      await page.emulateMedia({ colorScheme: scheme });
      for (const path of [
        "/en/webhooks",
        "/en/webhooks/new",
        `/en/webhooks/${id}`,
        `/de/webhooks/${id}/deliveries`,
        "/de/settings/general",
        "/de/settings/members",
        "/en/settings/keys",
        "/en/settings/audit",
      ]) {
        await page.goto(path);
        await expect(page.locator("main h1")).toBeVisible();
        // The header's menus have loaded (their buttons are enabled), so their own look is measured.
        await expect(page.getByRole("navigation").getByRole("button").first()).toBeEnabled();
        expect.soft(await lowContrastTexts(page), `${path} (${scheme})`).toEqual([]);
      }
      // The account menu, open.
      await openAccountMenu(page);
      expect.soft(await lowContrastTexts(page), `account menu (${scheme})`).toEqual([]);
    } finally {
      await request.delete(`/api/v1/webhook/${id}`, {
        headers: { authorization: `Bearer ${e2eEnv.API_TOKEN}` },
      });
    }
  });
}
