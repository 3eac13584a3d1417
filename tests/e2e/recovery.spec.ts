import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { startApp } from "../helpers/app-process.mjs";
import { e2eEnv } from "./e2e-env.mjs";
import { postRsvpUpdate } from "./rsvp-event";

// The event log and recovery in the browser: find an event by its element id and replay it to one webhook,
// and recover a webhook's failures since a time. Real deliveries to receivers on loopback. The webhooks
// listen to rsvp_answer/update with a prokey filter of their own, so other specs' events never reach them
// and theirs never reach these receivers.

type Receiver = {
  url: string;
  ids: string[];
  status: { value: number };
  close: () => Promise<void>;
};

async function startReceiver(status: number): Promise<Receiver> {
  const ids: string[] = [];
  const answer = { value: status };
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      ids.push(String(request.headers["webhook-id"]));
      response.writeHead(answer.value).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ids,
    status: answer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const apiHeaders = { authorization: `Bearer ${e2eEnv.API_TOKEN}` };
const created: string[] = [];

test.afterEach(async ({ request }) => {
  for (const id of created.splice(0)) await request.delete(`/api/v1/webhook/${id}`, { headers: apiHeaders });
});

async function createWebhook(request: APIRequestContext, name: string, url: string, prokey: string) {
  const response = await request.post("/api/v1/webhook", {
    headers: apiHeaders,
    data: {
      name,
      payload_url: url,
      trigger_element: "rsvp_answer",
      trigger: "update",
      prokey_filter: prokey,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const webhook = (await response.json()) as { id: string };
  created.push(webhook.id);
  return webhook.id;
}

async function postEvent(request: APIRequestContext, prokey: string, deliveries: number): Promise<string> {
  const { elementId, accepted } = await postRsvpUpdate(request, prokey);
  expect(accepted).toMatchObject({ deliveries });
  return elementId;
}

const suffix = () => randomUUID().slice(0, 8);

test("finds an event by its element id and replays it to one webhook, which receives a new webhook-id", async ({
  page,
  request,
}) => {
  const [first, second] = [await startReceiver(200), await startReceiver(200)];
  try {
    const prokey = randomUUID();
    const tag = suffix();
    await createWebhook(request, `Replay A ${tag}`, first.url, prokey);
    await createWebhook(request, `Replay B ${tag}`, second.url, prokey);
    const elementId = await postEvent(request, prokey, 2);
    // Both recorded as delivered (the event log does not refresh itself).
    await expect
      .poll(async () => {
        const response = await request.get(`/api/v1/events?search=${elementId}`, { headers: apiHeaders });
        const page = (await response.json()) as { events: { deliveries: { succeeded: number } }[] };
        return page.events[0]?.deliveries.succeeded;
      })
      .toBe(2);

    await page.goto("/en/webhooks");
    await page.getByRole("navigation").getByRole("link", { name: "Event log", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Event log" })).toBeVisible();
    await page.getByRole("searchbox", { name: "Search" }).fill(elementId);
    await page.getByRole("button", { name: "Apply" }).click();
    const rows = page.getByRole("table", { name: "Events" }).locator("tbody tr");
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText("2 delivered");
    await rows.getByRole("link", { name: `Open the event ${elementId}` }).click();

    await expect(page.getByText(`"id": "${elementId}"`)).toBeVisible();
    await page.getByRole("button", { name: `Replay to Replay B ${tag}`, exact: true }).click();
    await expect(page.getByText("Event replayed to 1 webhook")).toBeVisible();
    await expect.poll(() => second.ids.length).toBe(2);
    expect(second.ids[1]).not.toBe(second.ids[0]);
    expect(first.ids).toHaveLength(1);
    // The page shows the replay among the webhook's deliveries, with the id the receiver got.
    await expect(page.getByText(second.ids[1] ?? "missing")).toBeVisible();
  } finally {
    await first.close();
    await second.close();
  }
});

// The browser's local time for an ISO time, as a datetime-local input with milliseconds takes it.
async function localInput(page: Page, iso: string): Promise<string> {
  return page.evaluate((time) => {
    const date = new Date(time);
    return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 23);
  }, iso);
}

test("recovers exactly the failures since a time, with a count, a confirmation and its progress (German)", async ({
  page,
  request,
}) => {
  // Three events, each failing twice a second apart, then the recovery and a replay: a long flow.
  test.slow();
  const receiver = await startReceiver(500);
  try {
    const prokey = randomUUID();
    const name = `Wiederherstellung ${suffix()}`;
    const webhookId = await createWebhook(request, name, receiver.url, prokey);
    await postEvent(request, prokey, 1);
    await page.goto(`/de/webhooks/${webhookId}/deliveries`);
    const deliveries = page.getByRole("list", { name: "Zustellungen", exact: true }).locator(":scope > li");
    // One retry a second later (the e2e schedule), then failed; the page refreshes itself meanwhile.
    await expect(deliveries.first()).toContainText("Fehlgeschlagen");
    const before = await deliveries.first().locator("time").first().getAttribute("datetime");
    const since = new Date(Date.parse(before ?? "") + 1).toISOString();
    const failedIds = receiver.ids.slice();

    await postEvent(request, prokey, 1);
    await postEvent(request, prokey, 1);
    await page.reload();
    await expect(deliveries).toHaveCount(3);
    for (const index of [0, 1]) await expect(deliveries.nth(index)).toContainText("Fehlgeschlagen");
    const recoverable = receiver.ids.filter((id) => !failedIds.includes(id));
    receiver.status.value = 200;
    const sent = receiver.ids.length;

    await page.getByRole("button", { name: "Fehlgeschlagene seit … erneut senden" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Fehlgeschlagene Zustellungen erneut senden" });
    await dialog.getByLabel("Fehlgeschlagen seit").fill(await localInput(page, since));
    await dialog.getByRole("button", { name: "Zählen" }).click();
    await expect(dialog.getByTestId("recovery-count")).toHaveText("Seitdem 2 fehlgeschlagene Zustellungen.");
    await dialog.getByRole("button", { name: "2 Zustellungen erneut senden" }).click();
    await expect(dialog.getByTestId("recovery-progress")).toHaveText(
      "Fertig: 2 Zustellungen erneut gesendet.",
    );
    await expect.poll(() => receiver.ids.length).toBe(sent + 2);
    expect(receiver.ids.slice(sent).sort()).toEqual([...new Set(recoverable)].sort());
    await dialog.getByRole("button", { name: "Schließen" }).click();
    await expect(deliveries.nth(2)).toContainText("Fehlgeschlagen");
    await expect(deliveries.nth(0)).toContainText("Zugestellt");
    await expect(deliveries.nth(1)).toContainText("Zugestellt");

    // And one delivery replayed by hand: a new one, with a new webhook-id.
    await deliveries
      .nth(2)
      .getByRole("button", { name: /^Zustellung vom .* als neue Zustellung wiederholen$/ })
      .click();
    await expect(page.getByText("Zustellung als neue Zustellung wiederholt")).toBeVisible();
    await expect.poll(() => receiver.ids.length).toBe(sent + 3);
    expect(receiver.ids.slice(0, sent + 2)).not.toContain(receiver.ids[sent + 2]);
  } finally {
    await receiver.close();
  }
});

test("retries a pending delivery now: it goes out at once under the same webhook-id", async ({ browser }) => {
  // The lane's app retries after a second, too soon to catch a delivery pending; this test runs an app of
  // its own (a fresh database, an ephemeral port) whose first retry would wait an hour, so only "Retry now"
  // can send it again within the test. The other specs keep their quick schedule.
  test.slow();
  const app = await startApp({ env: { ...e2eEnv, DISPATCH_RETRY_SCHEDULE: "3600" } });
  const receiver = await startReceiver(500);
  const context = await browser.newContext({ baseURL: app.baseUrl });
  try {
    const page = await context.newPage();
    await page.goto("/en/webhooks");
    await page.getByLabel("Email").fill(e2eEnv.ADMIN_EMAIL);
    await page.getByLabel("Password").fill(e2eEnv.ADMIN_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    // Signed in: on the list it was asked for, or on the overview when the app's first answer was the
    // sign-in page itself (a fresh app sends there without a `next`).
    await expect(page).toHaveURL(/\/en\/(webhooks|overview)$/);

    const prokey = randomUUID();
    const webhookId = await createWebhook(context.request, `Retry now ${suffix()}`, receiver.url, prokey);
    // Its app goes away whole with this test: nothing for afterEach to delete on the lane's app.
    created.pop();
    await postEvent(context.request, prokey, 1);
    await expect.poll(() => receiver.ids.length).toBe(1);

    await page.goto(`/en/webhooks/${webhookId}/deliveries`);
    const delivery = page
      .getByRole("list", { name: "Deliveries", exact: true })
      .locator(":scope > li")
      .first();
    await expect(delivery).toContainText("Pending");
    await expect(delivery).toContainText("HTTP 500");
    receiver.status.value = 200;
    await delivery.getByRole("button", { name: /^Retry the delivery from .* now$/ }).click();
    await expect(page.getByText("Delivery sent again now")).toBeVisible();
    await expect.poll(() => receiver.ids.length).toBe(2);
    expect(receiver.ids[1]).toBe(receiver.ids[0]);
    await page.reload();
    await expect(delivery).toContainText("Succeeded");
  } finally {
    await context.close();
    await receiver.close();
    await app.stop();
  }
});
