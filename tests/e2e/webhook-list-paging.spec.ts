import { expect, test } from "@playwright/test";
import de from "../../messages/de.json" with { type: "json" };
import en from "../../messages/en.json" with { type: "json" };
import { e2eEnv } from "./e2e-env.mjs";

// The webhook list shows a page at a time (WEBHOOK_PAGE_SIZE, newest first), in English and German: with
// more webhooks than a page holds, the first page shows the newest, "Older webhooks" leads to the rest and
// "Newest" back. The webhooks are made through the API, newest last, and deleted afterwards.

const PAGE_SIZE = 25;
const apiHeaders = { authorization: `Bearer ${e2eEnv.API_TOKEN}` };
const prefix = `Paging ${Date.now().toString(36)}`;
const made: { id: string; name: string }[] = [];

test.beforeAll(async ({ request }) => {
  for (let index = 0; index <= PAGE_SIZE; index += 1) {
    const name = `${prefix} ${String(index).padStart(2, "0")}`;
    const response = await request.post("/api/v1/webhook", {
      headers: apiHeaders,
      data: {
        name,
        payload_url: "https://crm.example.com/hooks",
        trigger_element: "event",
        trigger: "create",
      },
    });
    expect(response.status(), await response.text()).toBe(201);
    made.push({ id: ((await response.json()) as { id: string }).id, name });
  }
});

test.afterAll(async ({ request }) => {
  for (const { id } of made.splice(0)) await request.delete(`/api/v1/webhook/${id}`, { headers: apiHeaders });
});

for (const [locale, m] of [
  ["en", en],
  ["de", de],
] as const) {
  test(`pages through more webhooks than a page holds, newest first (${locale})`, async ({ page }) => {
    const oldest = made[0]?.name ?? "";
    const newest = made.at(-1)?.name ?? "";
    await page.goto(`/${locale}/webhooks`);
    const rows = page.locator("tbody tr");
    await expect(rows).toHaveCount(PAGE_SIZE);
    await expect(rows.first()).toContainText(newest);
    // The rows' icons are drawn once on the page (IconSprite) and shown by reference: each reference finds
    // its icon, and the icons have a size.
    const icons = await rows
      .first()
      .locator("use")
      .evaluateAll((uses) =>
        uses.map((use) => {
          const href = use.getAttribute("href") ?? "";
          return {
            href,
            found: document.querySelector(href) !== null,
            width: (use as SVGGraphicsElement).getBBox().width,
          };
        }),
      );
    expect(icons.length).toBeGreaterThanOrEqual(5);
    for (const icon of icons)
      expect(icon, icon.href).toMatchObject({ found: true, width: expect.any(Number) });
    expect(icons.every((icon) => icon.width > 0)).toBe(true);
    // The 25 newest are all this test's: its oldest is the one that did not fit.
    await expect(page.getByRole("link", { name: oldest, exact: true })).toHaveCount(0);

    const pages = page.getByRole("navigation", { name: m.Webhooks.pagination });
    await expect(pages.getByRole("link", { name: m.Webhooks.newest })).toHaveCount(0);
    await pages.getByRole("link", { name: m.Webhooks.older }).click();
    await expect(page).toHaveURL(/[?&]before=/);
    await expect(rows.first()).toContainText(oldest);
    await expect(page.getByRole("link", { name: newest, exact: true })).toHaveCount(0);

    await pages.getByRole("link", { name: m.Webhooks.newest }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/webhooks$`));
    await expect(rows.first()).toContainText(newest);
  });
}
