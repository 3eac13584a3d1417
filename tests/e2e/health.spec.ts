import { randomUUID } from "node:crypto";
import { type APIRequestContext, expect, test } from "@playwright/test";
import de from "../../messages/de.json" with { type: "json" };
import en from "../../messages/en.json" with { type: "json" };
import { type Receiver, startReceiver } from "../helpers/receiver";
import { e2eEnv } from "./e2e-env.mjs";
import { postRsvpUpdate } from "./rsvp-event";

// Health at a glance, in English and German: a webhook whose receiver answers 500 shows the failing badge
// and why in the list, its health page shows the chart and "HTTP 500" among the failure reasons, and the
// overview counts its events and deliveries and names it among the webhooks to look at. Its events are
// rsvp_answer/update with a prokey of its own, so no other spec's event reaches it. Specs of a lane run one
// after the other: the overview's counts move only by what this test sends.

const apiHeaders = { authorization: `Bearer ${e2eEnv.API_TOKEN}` };
const created: string[] = [];
let receiver: Receiver;

test.beforeAll(async () => {
  receiver = await startReceiver();
  receiver.respondWith({ status: 500, body: "down for maintenance" });
});

test.afterAll(async ({ request }) => {
  for (const id of created.splice(0)) await request.delete(`/api/v1/webhook/${id}`, { headers: apiHeaders });
  await receiver?.close();
});

async function createWebhook(request: APIRequestContext, name: string, prokey: string) {
  const response = await request.post("/api/v1/webhook", {
    headers: apiHeaders,
    data: {
      name,
      payload_url: `${receiver.url}/health`,
      trigger_element: "rsvp_answer",
      trigger: "update",
      prokey_filter: prokey,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const { id } = (await response.json()) as { id: string };
  created.push(id);
  return id;
}

async function postEvent(request: APIRequestContext, prokey: string) {
  await postRsvpUpdate(request, prokey);
}

// A message up to its first placeholder: "Failing for {duration}" → "Failing for ".
const prefix = (message: string) => message.slice(0, message.indexOf("{"));
const count = (text: string | null) => Number((text ?? "").replace(/\D/g, ""));

for (const [locale, m] of [
  ["en", en],
  ["de", de],
] as const) {
  test(`a failing webhook shows its badge and reason, its chart and errors, and the overview sums it up (${locale})`, async ({
    page,
    request,
  }) => {
    test.setTimeout(120_000);
    const overview = m.Health.overview;
    await page.goto(`/${locale}/overview`);
    await expect(page.getByRole("heading", { level: 1, name: overview.title })).toBeVisible();
    const before = {
      events: count(await page.getByTestId("overview-events").locator("dd").textContent()),
      deliveries: count(await page.getByTestId("overview-deliveries").locator("dd").textContent()),
    };

    const prokey = randomUUID();
    const name = `Health ${locale} ${prokey.slice(0, 8)}`;
    const id = await createWebhook(request, name, prokey);
    const arrived = receiver.requests.length;
    await postEvent(request, prokey);
    await postEvent(request, prokey);
    await receiver.waitForRequests(arrived + 2, 30_000);

    // The list: the failing badge and the reason of the latest failure, and the last 24 hours' count.
    const row = page.getByRole("row").filter({ hasText: name });
    await expect
      .poll(async () => {
        await page.goto(`/${locale}/webhooks`);
        return row.getByTestId("health-badge").getAttribute("data-state");
      })
      .toBe("failing");
    await expect(row.getByTestId("health-badge")).toContainText(prefix(m.Health.badge.failing));
    await expect(row.getByTestId("health-reason")).toHaveText(
      m.Health.lastReason.replace("{reason}", "HTTP 500"),
    );
    await expect(row.getByTestId("health-count")).toContainText("2");
    await expect(row.getByTestId("sparkline")).toBeVisible();

    // Its health page: the chart, its figures for screen readers, and the failure reasons.
    await row.getByRole("link", { name: m.Health.overview.viewHealth.replace("{name}", name) }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/webhooks/${id}/health$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText(m.Health.page.title);
    await expect(page.getByTestId("deliveries-chart").locator("canvas")).toBeVisible();
    await expect(
      page.getByRole("list", { name: m.Health.page.tableCaption }).getByRole("listitem"),
    ).toHaveCount(24);
    const reasons = page.getByRole("region", { name: m.Health.page.reasonsTitle });
    await expect(reasons.getByRole("row").filter({ hasText: "HTTP 500" })).toBeVisible();
    await page.getByRole("link", { name: m.Health.page.ranges["7d"] }).click();
    await expect(page).toHaveURL(/\?range=7d$/);
    await expect(page.getByTestId("deliveries-chart").locator("canvas")).toBeVisible();

    // The overview: two more events and deliveries, and the webhook among those failing.
    await page
      .getByRole("navigation", { name: m.App.navigation })
      .getByRole("link", { name: overview.nav })
      .click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/overview$`));
    await expect(page.getByRole("heading", { level: 1, name: overview.title })).toBeVisible();
    const figure = async (key: string) =>
      count(await page.getByTestId(`overview-${key}`).locator("dd").textContent());
    expect(await figure("events")).toBe(before.events + 2);
    expect(await figure("deliveries")).toBe(before.deliveries + 2);
    expect(await figure("failing")).toBeGreaterThanOrEqual(1);
    const attention = page.getByRole("region", { name: overview.attention });
    await expect(attention.getByRole("listitem").filter({ hasText: name })).toContainText(
      prefix(m.Health.badge.failing),
    );
  });
}
