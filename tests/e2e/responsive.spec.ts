import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { e2eEnv } from "./e2e-env.mjs";
import { postEvent } from "./rsvp-event";

// Every main page fits the screen from a 360 px phone to a 1440 px desktop: nothing scrolls sideways, the
// lists become cards below lg, the editor puts its preview under the form, and at 1280 px the tables fit
// without wrapping a column header. In both languages (German words are longer).

const widths = [360, 390, 768, 1280, 1440];
const apiHeaders = { authorization: `Bearer ${e2eEnv.API_TOKEN}` };

const texts = {
  en: { keyName: "Name", createKey: "Create key", hide: "Hide preview", show: "Show preview" },
  de: {
    keyName: "Name",
    createKey: "Schlüssel erstellen",
    hide: "Vorschau ausblenden",
    show: "Vorschau einblenden",
  },
} as const;

// A webhook with a long name, a long header and one delivery (refused by a closed loopback port): the rows
// the pages list. Its element and trigger are this spec's own, so other specs' events never reach it.
async function createWebhook(request: APIRequestContext, name: string) {
  const response = await request.post("/api/v1/webhook", {
    headers: apiHeaders,
    data: {
      name,
      payload_url: `http://127.0.0.1:9/hooks/${"very-long-path-segment/".repeat(6)}end`,
      trigger_element: "sponsor",
      trigger: "mark_interested",
      header: [{ key: "X-A-Rather-Long-Header-Name", value: "a-value-that-goes-on-".repeat(8) }],
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const webhook = (await response.json()) as { id: string };
  await postEvent(request, {
    trigger_element: "sponsor",
    trigger: "mark_interested",
    data: {
      id: "spn_Responsive",
      sponsor: { id: "spn_Responsive", name: "Responsive Sponsor" },
      attendee: { id: "att_1", name: "Jonas Weber", email: "jonas.weber@example.net" },
    },
  });
  return webhook.id;
}

async function expectNoSidewaysScroll(page: Page, what: string) {
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect.soft(scrollWidth, `${what} at ${width} px`).toBeLessThanOrEqual(innerWidth);
  }
}

// At 1280 px a table fits its box and each column header stays on one line.
async function expectTablesFit(page: Page, what: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  const tables = await page.locator("table").evaluateAll((elements) =>
    elements.map((table) => ({
      overflow: (table.parentElement?.scrollWidth ?? 0) - (table.parentElement?.clientWidth ?? 0),
      headers: [...table.querySelectorAll("th")].map((th) => {
        const lineHeight = Number.parseFloat(getComputedStyle(th).lineHeight);
        const style = getComputedStyle(th);
        const content =
          th.clientHeight - Number.parseFloat(style.paddingTop) - Number.parseFloat(style.paddingBottom);
        return { text: th.textContent ?? "", lines: Math.round(content / lineHeight) };
      }),
    })),
  );
  for (const table of tables) {
    expect.soft(table.overflow, `a table of ${what} scrolls sideways at 1280 px`).toBeLessThanOrEqual(0);
    for (const header of table.headers) {
      expect.soft(header.lines, `column "${header.text}" of ${what} wraps at 1280 px`).toBeLessThanOrEqual(1);
    }
  }
}

for (const locale of ["en", "de"] as const) {
  test(`no page scrolls sideways from 360 to 1440 px, and the tables fit at 1280 px (${locale})`, async ({
    page,
    request,
  }) => {
    test.setTimeout(360_000);
    const suffix = Math.random().toString(36).slice(2, 8);
    const id = await createWebhook(request, `Responsive check ${suffix} with a rather long webhook name`);
    try {
      // A key of this spec's own, so the keys page has a row to lay out.
      await page.goto(`/${locale}/settings/keys`);
      await page.getByLabel(texts[locale].keyName, { exact: true }).fill(`Layout key ${suffix}`);
      await page.getByRole("button", { name: texts[locale].createKey }).click();
      await expect(page.getByTestId("key-row").filter({ hasText: `Layout key ${suffix}` })).toBeVisible();

      const pages = [
        "/overview",
        "/webhooks",
        "/webhooks/new",
        `/webhooks/${id}`,
        `/webhooks/${id}/deliveries`,
        `/webhooks/${id}/health`,
        "/settings/general",
        "/settings/members",
        "/settings/keys",
        "/settings/audit",
      ];
      for (const path of pages) {
        await page.setViewportSize({ width: 1440, height: 900 });
        await page.goto(`/${locale}${path}`);
        await expect(page.locator("main h1")).toBeVisible();
        await expectNoSidewaysScroll(page, path);
        await expectTablesFit(page, path);
      }

      // On a phone a list row is a card: no header row to read across, every value named in its card.
      await page.setViewportSize({ width: 390, height: 900 });
      await page.goto(`/${locale}/webhooks`);
      const row = page.getByRole("row").filter({ hasText: `Responsive check ${suffix}` });
      await expect(row).toHaveCSS("display", "grid");
      await expect(page.locator("thead")).toHaveClass(/sr-only/);
    } finally {
      await request.delete(`/api/v1/webhook/${id}`, { headers: apiHeaders });
    }
  });

  test(`on a phone the editor is one column, the preview under the form and foldable (${locale})`, async ({
    page,
    request,
  }) => {
    const id = await createWebhook(request, `Editor layout ${Math.random().toString(36).slice(2, 8)}`);
    try {
      await page.setViewportSize({ width: 390, height: 900 });
      await page.goto(`/${locale}/webhooks/${id}`);
      const saveBar = page.getByTestId("save-bar");
      const preview = page.locator("#preview-body");
      await expect(preview).toBeVisible();
      const formBox = await page.locator("form fieldset").first().boundingBox();
      const previewBox = await preview.boundingBox();
      expect(previewBox?.y ?? 0).toBeGreaterThan((formBox?.y ?? 0) + (formBox?.height ?? 0) - 1);
      await expect(saveBar).toBeVisible();

      // A header row: its value under its key, not beside it.
      const key = page.locator("input[id$='-0-key']").first();
      const value = page.locator("input[id$='-0-value']").first();
      const keyBox = await key.boundingBox();
      const valueBox = await value.boundingBox();
      expect(valueBox?.y ?? 0).toBeGreaterThanOrEqual((keyBox?.y ?? 0) + (keyBox?.height ?? 0));

      const fold = page.getByRole("button", { name: texts[locale].hide });
      await expect(fold).toHaveAttribute("aria-expanded", "true");
      await fold.click();
      await expect(preview).toBeHidden();
      const unfold = page.getByRole("button", { name: texts[locale].show });
      await expect(unfold).toHaveAttribute("aria-expanded", "false");
      await unfold.click();
      await expect(preview).toBeVisible();

      // Beside the form on a desktop, where the fold button is not offered.
      await page.setViewportSize({ width: 1280, height: 900 });
      await expect(page.getByRole("button", { name: texts[locale].hide })).toBeHidden();
      const wideForm = await page.locator("form fieldset").first().boundingBox();
      const widePreview = await preview.boundingBox();
      expect(widePreview?.x ?? 0).toBeGreaterThan((wideForm?.x ?? 0) + (wideForm?.width ?? 0) - 1);
    } finally {
      await request.delete(`/api/v1/webhook/${id}`, { headers: apiHeaders });
    }
  });
}
