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

// What the specs read and click, in each language (messages/*.json).
const texts = {
  en: {
    eventLog: "Event log",
    search: "Search",
    apply: "Apply",
    events: "Events",
    delivered: (count: number) => `${count} delivered`,
    open: (id: string) => `Open the event ${id}`,
    replayTo: (name: string) => `Replay to ${name}`,
    eventReplayed: "Event replayed to 1 webhook",
    deliveries: "Deliveries",
    pending: "Pending",
    failed: "Failed",
    succeeded: "Succeeded",
    recoverOpen: "Recover failed since …",
    recoverTitle: "Recover failed deliveries",
    since: "Failed since",
    count: "Count",
    counted: "2 failed deliveries since then.",
    confirm: "Resend 2 deliveries",
    done: "Recovery done: 2 deliveries resent.",
    close: "Close",
    replayLabel: /^Replay the delivery from .* as a new delivery$/,
    replayed: "Delivery replayed as a new one",
    retryLabel: /^Retry the delivery from .* now$/,
    retried: "Delivery sent again now",
  },
  de: {
    eventLog: "Ereignisprotokoll",
    search: "Suche",
    apply: "Anwenden",
    events: "Ereignisse",
    delivered: (count: number) => `${count} zugestellt`,
    open: (id: string) => `Ereignis ${id} öffnen`,
    replayTo: (name: string) => `Erneut an ${name} senden`,
    eventReplayed: "Ereignis an 1 Webhook erneut gesendet",
    deliveries: "Zustellungen",
    pending: "Ausstehend",
    failed: "Fehlgeschlagen",
    succeeded: "Zugestellt",
    recoverOpen: "Fehlgeschlagene seit … erneut senden",
    recoverTitle: "Fehlgeschlagene Zustellungen erneut senden",
    since: "Fehlgeschlagen seit",
    count: "Zählen",
    counted: "Seitdem 2 fehlgeschlagene Zustellungen.",
    confirm: "2 Zustellungen erneut senden",
    done: "Fertig: 2 Zustellungen erneut gesendet.",
    close: "Schließen",
    replayLabel: /^Zustellung vom .* als neue Zustellung wiederholen$/,
    replayed: "Zustellung als neue Zustellung wiederholt",
    retryLabel: /^Zustellung vom .* jetzt senden$/,
    retried: "Zustellung sofort erneut gesendet",
  },
} as const;
const locales = ["en", "de"] as const;

for (const locale of locales) {
  const t = texts[locale];

  test(`finds an event by its element id and replays it to one webhook, which receives a new webhook-id (${locale})`, async ({
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

      await page.goto(`/${locale}/webhooks`);
      await page.getByRole("navigation").getByRole("link", { name: t.eventLog, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: t.eventLog })).toBeVisible();
      await page.getByRole("searchbox", { name: t.search }).fill(elementId);
      await page.getByRole("button", { name: t.apply }).click();
      const rows = page.getByRole("table", { name: t.events }).locator("tbody tr");
      await expect(rows).toHaveCount(1);
      await expect(rows).toContainText(t.delivered(2));
      await rows.getByRole("link", { name: t.open(elementId) }).click();

      await expect(page.getByText(`"id": "${elementId}"`)).toBeVisible();
      await page.getByRole("button", { name: t.replayTo(`Replay B ${tag}`), exact: true }).click();
      await expect(page.getByText(t.eventReplayed)).toBeVisible();
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

  test(`recovers exactly the failures since a time, with a count, a confirmation and its progress (${locale})`, async ({
    page,
    request,
  }) => {
    // Three events, each failing twice a second apart, then the recovery and a replay: a long flow.
    test.slow();
    const receiver = await startReceiver(500);
    try {
      const prokey = randomUUID();
      const name = `Recovery ${suffix()}`;
      const webhookId = await createWebhook(request, name, receiver.url, prokey);
      await postEvent(request, prokey, 1);
      await page.goto(`/${locale}/webhooks/${webhookId}/deliveries`);
      const deliveries = page.getByRole("list", { name: t.deliveries, exact: true }).locator(":scope > li");
      // One retry a second later (the e2e schedule), then failed; the page refreshes itself meanwhile.
      await expect(deliveries.first()).toContainText(t.failed);
      const before = await deliveries.first().locator("time").first().getAttribute("datetime");
      const since = new Date(Date.parse(before ?? "") + 1).toISOString();
      const failedIds = receiver.ids.slice();

      await postEvent(request, prokey, 1);
      await postEvent(request, prokey, 1);
      await page.reload();
      await expect(deliveries).toHaveCount(3);
      for (const index of [0, 1]) await expect(deliveries.nth(index)).toContainText(t.failed);
      const recoverable = receiver.ids.filter((id) => !failedIds.includes(id));
      receiver.status.value = 200;
      const sent = receiver.ids.length;

      await page.getByRole("button", { name: t.recoverOpen }).click();
      const dialog = page.getByRole("alertdialog", { name: t.recoverTitle });
      await dialog.getByLabel(t.since).fill(await localInput(page, since));
      await dialog.getByRole("button", { name: t.count }).click();
      await expect(dialog.getByTestId("recovery-count")).toHaveText(t.counted);
      await dialog.getByRole("button", { name: t.confirm }).click();
      await expect(dialog.getByTestId("recovery-progress")).toHaveText(t.done);
      await expect.poll(() => receiver.ids.length).toBe(sent + 2);
      expect(receiver.ids.slice(sent).sort()).toEqual([...new Set(recoverable)].sort());
      await dialog.getByRole("button", { name: t.close }).click();
      await expect(deliveries.nth(2)).toContainText(t.failed);
      await expect(deliveries.nth(0)).toContainText(t.succeeded);
      await expect(deliveries.nth(1)).toContainText(t.succeeded);

      // And one delivery replayed by hand: a new one, with a new webhook-id.
      await deliveries.nth(2).getByRole("button", { name: t.replayLabel }).click();
      await expect(page.getByText(t.replayed)).toBeVisible();
      await expect.poll(() => receiver.ids.length).toBe(sent + 3);
      expect(receiver.ids.slice(0, sent + 2)).not.toContain(receiver.ids[sent + 2]);
    } finally {
      await receiver.close();
    }
  });
}

// The browser's local time for an ISO time, as a datetime-local input with milliseconds takes it.
async function localInput(page: Page, iso: string): Promise<string> {
  return page.evaluate((time) => {
    const date = new Date(time);
    return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 23);
  }, iso);
}

test("retries a pending delivery now, in English and German: it goes out at once under the same webhook-id", async ({
  browser,
}) => {
  // The lane's app retries after a second, too soon to catch a delivery pending; this test runs an app of
  // its own (a fresh database, an ephemeral port) whose first retry would wait an hour, so only "Retry now"
  // can send it again within the test. The other specs keep their quick schedule. One app for both
  // languages: each start costs seconds of CPU.
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

    for (const locale of locales) {
      const t = texts[locale];
      receiver.status.value = 500;
      const sent = receiver.ids.length;
      const prokey = randomUUID();
      const webhookId = await createWebhook(context.request, `Retry now ${suffix()}`, receiver.url, prokey);
      // Its app goes away whole with this test: nothing for afterEach to delete on the lane's app.
      created.pop();
      await postEvent(context.request, prokey, 1);
      await expect.poll(() => receiver.ids.length).toBe(sent + 1);

      await page.goto(`/${locale}/webhooks/${webhookId}/deliveries`);
      const delivery = page
        .getByRole("list", { name: t.deliveries, exact: true })
        .locator(":scope > li")
        .first();
      await expect(delivery).toContainText(t.pending);
      await expect(delivery).toContainText("HTTP 500");
      receiver.status.value = 200;
      await delivery.getByRole("button", { name: t.retryLabel }).click();
      await expect(page.getByText(t.retried)).toBeVisible();
      await expect.poll(() => receiver.ids.length).toBe(sent + 2);
      expect(receiver.ids[sent + 1]).toBe(receiver.ids[sent]);
      await page.reload();
      await expect(delivery).toContainText(t.succeeded);
    }
  } finally {
    await context.close();
    await receiver.close();
    await app.stop();
  }
});
