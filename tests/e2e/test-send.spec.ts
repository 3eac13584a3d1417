import { randomBytes } from "node:crypto";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { e2eEnv } from "./e2e-env.mjs";

// "Send test" as a new user would try it: a webhook pointing at a request inbox of the app, the test sent
// from the editor and from the list, its outcome on screen, and the request in the inbox with a valid
// signature. The inbox is the app's own: the sender reaches it through its own listener (not the opt-in).

const apiHeaders = { authorization: `Bearer ${e2eEnv.API_TOKEN}` };

type Inbox = { id: string; path: string };
type InboxRequest = { method: string; headers: [string, string][]; body: string };

const texts = {
  en: {
    send: "Send test",
    rowSend: (name: string) => `Send test: ${name}`,
    logged: "Logged in the delivery log as a test.",
    unsaved: "Not saved yet",
    tests: "Tests only",
    badge: "Test",
    curl: "Copy as cURL",
  },
  de: {
    send: "Test senden",
    rowSend: (name: string) => `Test senden: ${name}`,
    logged: "Im Zustellprotokoll als Test vermerkt.",
    unsaved: "Noch nicht gespeichert",
    tests: "Nur Tests",
    badge: "Test",
    curl: "Als cURL kopieren",
  },
} as const;

async function inboxRequests(request: APIRequestContext, inbox: Inbox): Promise<InboxRequest[]> {
  const response = await request.get(`/api/v1/inbox/${inbox.id}/requests`, { headers: apiHeaders });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { requests: InboxRequest[] }).requests;
}

for (const locale of ["en", "de"] as const) {
  test(`sends a test to a request inbox from the editor and the list (${locale})`, async ({
    page,
    request,
  }) => {
    // Editor, inbox, list and log in one go: longer than one page's budget on a loaded machine.
    test.setTimeout(180_000);
    const t = texts[locale];
    const name = `Inbox try ${locale} ${randomBytes(3).toString("hex")}`;
    const inboxResponse = await request.post("/api/v1/inbox", { headers: apiHeaders, data: { name } });
    expect(inboxResponse.status()).toBe(201);
    const inbox = (await inboxResponse.json()) as Inbox;
    const created = await request.post("/api/v1/webhook", {
      headers: apiHeaders,
      data: {
        name,
        method: "POST",
        trigger_element: "rsvp_answer",
        trigger: "create",
        content_type: "application/json",
        // The app's own origin as it knows it (http://localhost:<its port>): the lane's port.
        payload_url: `http://localhost:${new URL(test.info().project.use.baseURL ?? "").port}${inbox.path}`,
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const webhook = (await created.json()) as { id: string; secret: string };

    try {
      await page.goto(`/${locale}/webhooks/${webhook.id}`);
      await page.getByRole("button", { name: t.send, exact: true }).click();
      const outcome = page.getByTestId("test-outcome");
      await expect(outcome).toContainText("HTTP 200");
      await expect(outcome).toContainText(t.logged);
      await expect(page.getByTestId("toast").first()).toBeVisible();
      // The test's request as a shell command, as the delivery log and the inbox offer it.
      await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
      await outcome.getByRole("button", { name: t.curl }).click();
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain(inbox.path);
      expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/\bcurl\b/);

      // What the inbox stored verifies with the webhook's signing secret, as a receiver would check it.
      await expect.poll(async () => (await inboxRequests(request, inbox)).length).toBe(1);
      const [stored] = await inboxRequests(request, inbox);
      if (!stored) throw new Error("the inbox stored nothing");
      expect(() =>
        new StandardWebhook(webhook.secret).verify(stored.body, Object.fromEntries(stored.headers), {
          jsonParse: false,
        }),
      ).not.toThrow();

      // A change not yet saved: the panel says the test sends the form as it is, unlogged.
      await page.getByRole("textbox", { name: "Name", exact: true }).fill(`${name} draft`);
      await expect(page.getByTestId("test-unsaved")).toContainText(t.unsaved);
      await page.getByRole("button", { name: t.send, exact: true }).click();
      await expect(outcome).toContainText("HTTP 200");
      await expect(outcome).not.toContainText(t.logged);
      await expect.poll(async () => (await inboxRequests(request, inbox)).length).toBe(2);

      // From the list: the row's own button, the outcome in a popover.
      // Leaving with the change unsaved: the browser asks (the leave guard); this test leaves anyway.
      page.once("dialog", (dialog) => void dialog.accept());
      await page.goto(`/${locale}/webhooks`);
      await page.getByRole("button", { name: t.rowSend(name) }).click();
      await expect(page.getByRole("dialog").getByTestId("test-outcome")).toContainText("HTTP 200");
      await expect.poll(async () => (await inboxRequests(request, inbox)).length).toBe(3);

      // The delivery log marks tests and filters them.
      await page.goto(`/${locale}/webhooks/${webhook.id}/deliveries`);
      await page.getByRole("link", { name: t.tests }).click();
      await expect(page).toHaveURL(/show=tests/);
      await expect(page.getByTestId("test-badge")).toHaveCount(2);
      await expect(page.getByTestId("test-badge").first()).toHaveText(t.badge);
    } finally {
      await request.delete(`/api/v1/webhook/${webhook.id}`, { headers: apiHeaders });
      await request.delete(`/api/v1/inbox/${inbox.id}`, { headers: apiHeaders });
    }
  });
}
