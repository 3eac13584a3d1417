import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type APIRequestContext, expect, type Locator, type Page, test } from "@playwright/test";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { e2eEnv } from "./e2e-env.mjs";

// Real deliveries: the app's in-process worker sends them to a receiver this test runs on loopback.
// Every test deletes its webhooks again, so the next spec starts from an empty list.

type Received = { method: string; url: string; headers: Record<string, string>; body: string };

type Receiver = { url: string; received: Received[]; close: () => Promise<void> };

// Answers each request with the next status of `statuses` (the last one repeats).
async function startReceiver(statuses: number[]): Promise<Receiver> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === "string") headers[name] = value;
      }
      received.push({
        method: request.method ?? "",
        url: request.url ?? "",
        headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      const status = statuses[Math.min(received.length, statuses.length) - 1] ?? 200;
      response.writeHead(status, { "content-type": "application/json", "x-receiver": "e2e" });
      response.end(JSON.stringify({ received: received.length, status }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const apiHeaders = { authorization: `Bearer ${e2eEnv.API_TOKEN}` };

const rsvpAnswer = {
  id: "5d1f9a3c-2b7e-4c80-9a41-6e3f0b2d8c17",
  status: "confirmed",
  email: "jonas.becker@example.de",
  amount: 1,
  payload: { first_name: "Jonas", last_name: "Becker" },
  prokey: "b7e19d42-5c3a-4f8e-a6d1-92c0e4f7a358",
  date_created: "2026-03-02T09:14:27.318Z",
  date_updated: "2026-03-02T09:14:27.318Z",
};

const created: string[] = [];

async function createWebhook(
  request: APIRequestContext,
  fields: { name: string; payload_url: string; header?: { key: string; value: string }[] },
): Promise<{ id: string; secret: string }> {
  const response = await request.post("/api/v1/webhook", {
    headers: apiHeaders,
    data: {
      method: "POST",
      trigger_element: "rsvp_answer",
      trigger: "create",
      content_type: "application/json",
      body: [{ key: "guest", value: "{{payload.first_name}}" }],
      ...fields,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const webhook = (await response.json()) as { id: string; secret: string };
  created.push(webhook.id);
  return webhook;
}

async function postEvent(request: APIRequestContext) {
  const response = await request.post("/api/internal/events", {
    headers: { authorization: `Bearer ${e2eEnv.INTERNAL_TOKEN}` },
    data: { trigger_element: "rsvp_answer", trigger: "create", data: rsvpAnswer },
  });
  expect(response.status(), await response.text()).toBe(202);
  expect(await response.json()).toMatchObject({ deliveries: 1 });
}

test.afterEach(async ({ request }) => {
  for (const id of created.splice(0)) {
    await request.delete(`/api/v1/webhook/${id}`, { headers: apiHeaders });
  }
});

// The deliveries of the log page: the outer list only (each open delivery has a list of attempts).
function deliveries(page: Page, listName: string): Locator {
  return page.getByRole("list", { name: listName, exact: true }).locator(":scope > li");
}

test("logs a delivery with its request and response, and rotates the signing secret (German)", async ({
  page,
  request,
}) => {
  const receiver = await startReceiver([200]);
  try {
    const webhook = await createWebhook(request, {
      name: "CRM-Anmeldungen",
      payload_url: `${receiver.url}/hooks/rsvp`,
      header: [{ key: "Authorization", value: "Bearer sehr-geheimer-schluessel-4711" }],
    });

    await page.goto("/de/webhooks");
    await page.getByRole("link", { name: "Zustellprotokoll von CRM-Anmeldungen", exact: true }).click();
    await expect(
      page.getByRole("heading", { level: 1, name: "Zustellprotokoll · CRM-Anmeldungen" }),
    ).toBeVisible();
    await expect(page.getByRole("heading", { name: "Noch keine Zustellungen" })).toBeVisible();

    await postEvent(request);
    await page.reload();
    const delivery = deliveries(page, "Zustellungen");
    await expect(delivery).toHaveCount(1);
    // Pending at first, perhaps: the page refreshes itself until the worker is done.
    await expect(delivery).toContainText("Zugestellt");
    await expect(delivery).toContainText("1 Versuch");
    await expect(delivery).toContainText("HTTP 200");

    await delivery.locator("summary").click();
    const attempt = delivery.getByRole("region", { name: "Versuch 1", exact: true });
    await expect(attempt).toBeVisible();
    await expect(attempt).toContainText(/POST\s*http:\/\/127\.0\.0\.1:\d+\/hooks\/rsvp/);
    await expect(attempt).toContainText('"element_data": {');
    await expect(attempt).toContainText('"email": "jonas.becker@example.de"');
    await expect(attempt).toContainText('"guest": "Jonas"');
    await expect(attempt).toContainText("webhook-signature");
    // Credentials in custom headers are masked in the log.
    await expect(attempt).toContainText("Bearer ••••4711");
    await expect(attempt).not.toContainText("sehr-geheimer");
    const response = attempt.getByRole("heading", { name: "Antwort" }).locator("..");
    await expect(response).toContainText("HTTP 200");
    await expect(response).toContainText("x-receiver");
    await expect(response).toContainText('"received": 1');
    await expect(delivery).toContainText(receiver.received[0]?.headers["webhook-id"] ?? "missing");

    // The editor shows the secret that signed the request, and rotates it.
    await page.getByRole("link", { name: "Webhook bearbeiten", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: /Webhook bearbeiten/ })).toBeVisible();
    const secretCard = page.getByRole("region", { name: "Signatur-Secret" });
    const secret = secretCard.getByRole("textbox", { name: "Secret", exact: true });
    await expect(secret).toHaveValue(/^whsec_•+$/);
    await secretCard.getByRole("button", { name: "Secret anzeigen" }).click();
    await expect(secret).toHaveValue(webhook.secret);
    const sent = receiver.received[0];
    if (!sent) throw new Error("the receiver got nothing");
    expect(() => new StandardWebhook(webhook.secret).verify(sent.body, sent.headers)).not.toThrow();

    await secretCard.getByRole("button", { name: "Secret erneuern" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Signatur-Secret erneuern?" });
    await expect(dialog).toContainText("In den nächsten 24 Stunden");
    await dialog.getByRole("button", { name: "Secret erneuern" }).click();
    await expect(dialog).toBeHidden();
    await expect(secret).not.toHaveValue(webhook.secret);
    await expect(secret).toHaveValue(/^whsec_[A-Za-z0-9+/]+=*$/);
    await expect(secretCard).toContainText("Neues Secret erstellt.");
    await expect(
      page.getByTestId("toast").filter({ hasText: "Neues Signatur-Secret erstellt" }),
    ).toBeVisible();
    const rotated = await secret.inputValue();

    await page.reload();
    await page.getByRole("button", { name: "Secret anzeigen" }).click();
    await expect(page.getByRole("textbox", { name: "Secret", exact: true })).toHaveValue(rotated);
  } finally {
    await receiver.close();
  }
});

test("switches a webhook off when its receiver answers 410 and says why", async ({ page, request }) => {
  const receiver = await startReceiver([410]);
  try {
    const webhook = await createWebhook(request, { name: "Gone receiver", payload_url: receiver.url });
    await postEvent(request);
    await expect
      .poll(async () => {
        const response = await request.get(`/api/v1/webhook/${webhook.id}`, { headers: apiHeaders });
        return ((await response.json()) as { disabled_reason: string | null }).disabled_reason;
      })
      .toBe("gone");

    await page.goto("/en/webhooks");
    const row = page
      .getByRole("row")
      .filter({ has: page.getByRole("link", { name: "Gone receiver", exact: true }) });
    const toggle = row.getByRole("switch", { name: "Active: Gone receiver" });
    await expect(toggle).not.toBeChecked();
    await expect(row).toContainText("Switched off automatically: the receiver answered 410 Gone");
    await expect(toggle).toHaveAccessibleDescription(/the receiver answered 410 Gone/);

    await row.getByRole("link", { name: "Delivery log of Gone receiver" }).click();
    const delivery = deliveries(page, "Deliveries");
    await expect(delivery).toContainText("Failed");
    await expect(delivery).toContainText("HTTP 410");
    // The worker would not send it while the system keeps the webhook off.
    await expect(delivery.getByRole("button", { name: /Resend the delivery/ })).toBeDisabled();

    await page.getByRole("link", { name: "Edit webhook", exact: true }).click();
    const form = page.getByRole("form", { name: "Edit webhook" });
    await expect(form).toContainText("Switched off automatically: the receiver answered 410 Gone");
    await form.getByRole("switch", { name: "Status" }).click();
    await expect(form).not.toContainText("Switched off automatically");

    // Switching it on in the list clears the reason.
    await page.goto("/en/webhooks");
    await row.getByRole("switch", { name: "Active: Gone receiver" }).click();
    await expect(toggle).toBeChecked();
    await expect(toggle).toHaveAttribute("aria-busy", "false");
    await expect(row).not.toContainText("Switched off automatically");
    await page.reload();
    await expect(toggle).toBeChecked();
    await expect(row).not.toContainText("Switched off automatically");
  } finally {
    await receiver.close();
  }
});

test("resends a failed delivery under the same webhook-id", async ({ page, request }) => {
  // The first try and its one retry fail; the resend succeeds.
  const receiver = await startReceiver([500, 500, 200]);
  try {
    const webhook = await createWebhook(request, { name: "Flaky receiver", payload_url: receiver.url });
    await postEvent(request);

    await page.goto(`/en/webhooks/${webhook.id}/deliveries`);
    const delivery = deliveries(page, "Deliveries");
    await expect(delivery).toContainText("Failed");
    await expect(delivery).toContainText("2 attempts");
    await expect(delivery).toContainText("HTTP 500");

    await delivery.getByRole("button", { name: /Resend the delivery/ }).click();
    await expect(page.getByTestId("toast").filter({ hasText: "Delivery sent again" })).toBeVisible();
    await expect(delivery).toContainText("Succeeded");
    await expect(delivery).toContainText("3 attempts");
    await expect(delivery.getByRole("button", { name: /Resend the delivery/ })).toHaveCount(0);

    await delivery.locator("summary").click();
    await expect(delivery.getByRole("region", { name: /^Attempt \d$/ })).toHaveCount(3);
    await expect(delivery.getByRole("region", { name: "Attempt 1" })).toContainText("HTTP 500");
    await expect(delivery.getByRole("region", { name: "Attempt 3" })).toContainText("HTTP 200");

    expect(receiver.received).toHaveLength(3);
    const ids = new Set(receiver.received.map((sent) => sent.headers["webhook-id"]));
    expect(ids.size).toBe(1);
    expect(new Set(receiver.received.map((sent) => sent.body)).size).toBe(1);
  } finally {
    await receiver.close();
  }
});

test("cancels the retry of a webhook switched off while it was sending, and says so (German)", async ({
  page,
  request,
}) => {
  // Answers 500 after a while: the webhook is switched off while its first try is under way.
  let answer: (() => void) | null = null;
  let tries = 0;
  const server = createServer((incoming, response) => {
    incoming.resume();
    tries += 1;
    answer = () => response.writeHead(500).end("down");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const webhook = await createWebhook(request, {
      name: "Pausierter Empfänger",
      payload_url: `http://127.0.0.1:${port}/paused`,
    });
    await postEvent(request);
    await expect.poll(() => tries).toBe(1);
    const off = await request.patch(`/api/v1/webhook/${webhook.id}`, {
      headers: apiHeaders,
      data: { active: false },
    });
    expect(off.status()).toBe(200);
    (answer as (() => void) | null)?.();

    await page.goto(`/de/webhooks/${webhook.id}/deliveries`);
    await expect(page.getByTestId("inactive-note")).toContainText(
      "Deaktiviert: Es wird nichts gesendet, noch ausstehende Wiederholungen wurden abgebrochen.",
    );
    const delivery = deliveries(page, "Zustellungen");
    await expect(async () => {
      await page.reload();
      await expect(delivery).toContainText("Abgebrochen", { timeout: 1000 });
    }).toPass();
    await expect(delivery).toContainText("Nicht gesendet: Der Webhook wurde deaktiviert.");
    await expect(delivery.getByRole("button", { name: /erneut senden/i })).toBeDisabled();
    // Cancelled where its retry would have been queued: it is not sent again.
    expect(tries).toBe(1);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test("pages through older deliveries, newest first (German)", async ({ page, request }) => {
  const receiver = await startReceiver([200]);
  try {
    const webhook = await createWebhook(request, { name: "Viele Zustellungen", payload_url: receiver.url });
    for (let event = 0; event < 52; event++) await postEvent(request);
    await expect.poll(() => receiver.received.length, { timeout: 60_000 }).toBe(52);

    await page.goto(`/de/webhooks/${webhook.id}/deliveries`);
    const list = deliveries(page, "Zustellungen");
    await expect(list).toHaveCount(50);
    const newest = await list
      .locator("time")
      .evaluateAll((times) => times.map((time) => time.getAttribute("datetime")));
    await page.getByRole("link", { name: "Ältere Zustellungen" }).click();
    await expect(list).toHaveCount(2);
    await expect(page.getByRole("link", { name: "Ältere Zustellungen" })).toHaveCount(0);
    const older = await list
      .locator("time")
      .evaluateAll((times) => times.map((time) => time.getAttribute("datetime")));
    const all = [...newest, ...older];
    expect(all).toEqual([...all].sort().reverse());

    await page.getByRole("link", { name: "Neueste" }).click();
    await expect(list).toHaveCount(50);
    await expect(page).toHaveURL(new RegExp(`/de/webhooks/${webhook.id}/deliveries$`));
  } finally {
    await receiver.close();
  }
});
