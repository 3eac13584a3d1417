import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import de from "../../messages/de.json" with { type: "json" };
import en from "../../messages/en.json" with { type: "json" };
import { e2eEnv } from "../e2e/e2e-env.mjs";
import { type Receiver, startReceiver } from "../helpers/receiver";

// Seeds webhooks and a few deliveries, then saves the list, the editor, the delivery log and the settings
// at 390 and 1280 px in English and German: screenshots/<page>-<locale>-<width>.png.

const folder = path.join(import.meta.dirname, "../../screenshots");
const apiHeaders = { authorization: `Bearer ${e2eEnv.API_TOKEN}` };
let receiver: Receiver;
let editedId = "";

test.beforeAll(async ({ request }) => {
  receiver = await startReceiver();
  const hooks = [
    { name: "CRM: new RSVP answers", element: "rsvp_answer", trigger: "create", path: "/crm/rsvp" },
    { name: "Slack: bookings", element: "booking", trigger: "create", path: "/slack/bookings" },
    { name: "Analytics: attendees", element: "attendee", trigger: "update", path: "/analytics" },
  ];
  for (const hook of hooks) {
    const response = await request.post("/api/v1/webhook", {
      headers: apiHeaders,
      data: {
        name: hook.name,
        payload_url: `${receiver.url}${hook.path}`,
        trigger_element: hook.element,
        trigger: hook.trigger,
        header: [{ key: "Authorization", value: "Bearer crm-token-0451" }],
        body: [
          { key: "source", value: "hooksmith" },
          // Variables differ per element: only the RSVP answer's webhook uses one.
          ...(hook.element === "rsvp_answer" ? [{ key: "email", value: "{{email}}" }] : []),
        ],
      },
    });
    expect(response.status(), await response.text()).toBe(201);
    const { id } = (await response.json()) as { id: string };
    editedId ||= id;
  }
  const rsvp = {
    id: "5d1f9a3c-2b7e-4c80-9a41-6e3f0b2d8c17",
    status: "confirmed",
    email: "jonas.becker@example.de",
    amount: 1,
    payload: { first_name: "Jonas", last_name: "Becker" },
    prokey: "b7e19d42-5c3a-4f8e-a6d1-92c0e4f7a358",
    date_created: "2026-03-02T09:14:27.318Z",
    date_updated: "2026-03-02T09:14:27.318Z",
  };
  for (let n = 0; n < 3; n++) {
    const event = await request.post("/api/internal/events", {
      headers: { authorization: `Bearer ${e2eEnv.INTERNAL_TOKEN}` },
      data: { trigger_element: "rsvp_answer", trigger: "create", data: rsvp },
    });
    expect(event.status(), await event.text()).toBe(202);
  }
  await receiver.waitForRequests(3, 60_000);
});

test.afterAll(async () => {
  await receiver?.close();
});

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: path.join(folder, `${name}.png`), fullPage: true });
}

for (const locale of ["en", "de"] as const) {
  for (const width of [390, 1280]) {
    test(`${locale} at ${width} px`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      const at = `${locale}-${width}`;
      await page.goto(`/${locale}/webhooks`);
      await expect(
        page.getByRole("link", { name: "CRM: new RSVP answers", exact: true }).first(),
      ).toBeVisible();
      await shoot(page, `webhooks-${at}`);
      await page.goto(`/${locale}/webhooks/${editedId}`);
      await expect(page.getByTestId("preview-body")).toBeVisible();
      await shoot(page, `editor-${at}`);
      await page.goto(`/${locale}/webhooks/${editedId}/deliveries`);
      const listLabel = (locale === "en" ? en : de).Deliveries.listLabel;
      await expect(
        page.getByRole("list", { name: listLabel, exact: true }).locator(":scope > li"),
      ).toHaveCount(3);
      await shoot(page, `deliveries-${at}`);
      for (const section of ["general", "members", "keys", "audit"]) {
        await page.goto(`/${locale}/settings/${section}`);
        await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();
        await shoot(page, `settings-${section}-${at}`);
      }
    });
  }
}
