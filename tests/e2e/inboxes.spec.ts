import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { e2eEnv } from "./e2e-env.mjs";

// A request inbox end to end, in English and in German: created in the browser, a signed request posted
// to it by the test appears without a reload, its signature checks valid with the webhook that signed it
// and invalid with another, "Copy as cURL" puts a command on the clipboard that a real shell and curl
// send to the inbox again, and the answer the inbox is told to give (410, 429 with Retry-After) is the
// answer a sender gets. Names carry a random suffix: other specs may run beside this one.

const run = promisify(execFile);
const apiHeaders = { authorization: `Bearer ${e2eEnv.API_TOKEN}` };

const texts = {
  en: {
    nav: "Request inboxes",
    name: "Name",
    create: "Create inbox",
    url: "Inbox URL",
    requests: "Received requests",
    checkWith: "Check signatures with",
    valid: "Signature valid",
    invalid: "Signature invalid",
    copy: "Copy as cURL",
    copied: "Copied",
    status: "Status",
    saveResponse: "Save response",
    retryAfter: "Retry-After (seconds)",
    saved: "Response saved",
    createWebhook: "Create a webhook for this inbox",
    payloadUrl: "Payload URL",
    formKind: "Form fields, decoded",
  },
  de: {
    nav: "Request-Inboxes",
    name: "Name",
    create: "Inbox anlegen",
    url: "Inbox-URL",
    requests: "Empfangene Requests",
    checkWith: "Signaturen prüfen mit",
    valid: "Signatur gültig",
    invalid: "Signatur ungültig",
    copy: "Als cURL kopieren",
    copied: "Kopiert",
    status: "Status",
    saveResponse: "Antwort speichern",
    retryAfter: "Retry-After (Sekunden)",
    saved: "Antwort gespeichert",
    createWebhook: "Webhook für diese Inbox anlegen",
    payloadUrl: "Payload-URL",
    formKind: "Formularfelder, dekodiert",
  },
} as const;

const createdWebhooks: string[] = [];

async function createWebhook(
  request: APIRequestContext,
  name: string,
): Promise<{ id: string; secret: string }> {
  const response = await request.post("/api/v1/webhook", {
    headers: apiHeaders,
    data: {
      name,
      method: "POST",
      trigger_element: "rsvp_answer",
      trigger: "create",
      content_type: "application/json",
      payload_url: "https://receiver.example/hooks",
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const webhook = (await response.json()) as { id: string; secret: string };
  createdWebhooks.push(webhook.id);
  return webhook;
}

test.afterEach(async ({ request }) => {
  for (const id of createdWebhooks.splice(0)) {
    await request.delete(`/api/v1/webhook/${id}`, { headers: apiHeaders });
  }
});

async function createInbox(page: Page, locale: "en" | "de", name: string): Promise<string> {
  const t = texts[locale];
  await page.goto(`/${locale}/webhooks`);
  await page.getByRole("link", { name: t.nav, exact: true }).click();
  await page.getByRole("textbox", { name: t.name, exact: true }).fill(name);
  await page.getByRole("button", { name: t.create }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const url = await page.getByRole("textbox", { name: t.url }).inputValue();
  // The configured origin (here http://localhost:<port>), the one the sender recognises as this instance's.
  expect(url).toMatch(/^http:\/\/localhost:\d+\/api\/inbox\/hks_inb_[\w-]{43}$/);
  return url;
}

for (const locale of ["en", "de"] as const) {
  const t = texts[locale];

  test(`shows signed requests live with their signature checked, and copies one as cURL (${locale})`, async ({
    page,
    context,
    request,
  }) => {
    const suffix = randomUUID().slice(0, 8);
    const signer = await createWebhook(request, `Signer ${suffix}`);
    await createWebhook(request, `Other ${suffix}`);
    const url = await createInbox(page, locale, `Inbox ${locale} ${suffix}`);
    await expect(page.getByTestId("inbox-empty")).toBeVisible();

    // Signed as the sender signs a form-encoded delivery: the raw body text.
    const body = `guest=J%C3%BCrgen&note=it%27s+%22quoted%22&id=${suffix}`;
    const headers = new StandardWebhook(signer.secret).sign(`msg_${suffix}`, new Date(), body);
    const sent = await request.post(`${url}/hooks/rsvp?source=e2e`, {
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "webhook-id": `msg_${suffix}`,
        "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
        "webhook-signature": headers,
      },
      data: body,
    });
    expect(sent.status()).toBe(200);

    // No reload: the page polls for news.
    const list = page.getByRole("list", { name: t.requests });
    const item = list.getByTestId("inbox-request");
    await expect(item).toHaveCount(1);
    await expect(item).toContainText("/hooks/rsvp?source=e2e");
    await expect(item.getByTestId("inbox-request-body")).toContainText("guest = Jürgen");
    await expect(item).toContainText(t.formKind);

    const picker = page.getByRole("combobox", { name: t.checkWith });
    await picker.selectOption({ label: `Signer ${suffix}` });
    await expect(item.getByTestId("signature-verdict")).toHaveText(t.valid);
    await picker.selectOption({ label: `Other ${suffix}` });
    await expect(item.getByTestId("signature-verdict")).toContainText(t.invalid);

    // Copy as cURL, then paste it into a real shell: the same request reaches the inbox again, live.
    await context.grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: new URL(page.url()).origin,
    });
    await item.getByRole("button", { name: t.copy }).click();
    await expect(item.getByRole("button", { name: t.copied })).toBeVisible();
    const command = await page.evaluate(() => navigator.clipboard.readText());
    expect(command).toContain(`curl -X POST '${url}/hooks/rsvp?source=e2e'`);
    expect(command).toContain(`--data-binary '${body}'`);
    expect(command).toContain("-H 'content-type: application/x-www-form-urlencoded'");
    await run("sh", ["-c", `${command} --silent --show-error --output /dev/null`]);
    await expect(item).toHaveCount(2);
    await expect(item.first().getByTestId("inbox-request-body")).toContainText(`id = ${suffix}`);
  });

  test(`answers as it is told to: 410, and 429 with Retry-After (${locale})`, async ({ page, request }) => {
    const suffix = randomUUID().slice(0, 8);
    const url = await createInbox(page, locale, `Answers ${locale} ${suffix}`);
    expect((await request.post(url, { data: { ping: 1 } })).status()).toBe(200);

    const status = page.getByRole("combobox", { name: t.status, exact: true });
    await status.selectOption("410");
    await page.getByRole("button", { name: t.saveResponse }).click();
    await expect(page.getByText(t.saved)).toBeVisible();
    expect((await request.post(url, { data: { ping: 2 } })).status()).toBe(410);

    await status.selectOption("429");
    await page.getByRole("textbox", { name: t.retryAfter }).fill("7");
    await page.getByRole("button", { name: t.saveResponse }).click();
    // Asked until the new answer is in place; each ask is a request the inbox keeps.
    let sent = 2;
    await expect
      .poll(async () => {
        const answer = await request.get(`${url}/again`);
        sent += 1;
        return `${answer.status()} ${answer.headers()["retry-after"]}`;
      })
      .toBe("429 7");
    // Every request was kept, whatever the answer.
    await expect(page.getByTestId("inbox-request")).toHaveCount(sent);
  });
}

test("creates a webhook for an inbox in one click, saving nothing until the user saves", async ({ page }) => {
  const suffix = randomUUID().slice(0, 8);
  const url = await createInbox(page, "en", `One click ${suffix}`);
  await page.getByRole("link", { name: texts.en.createWebhook }).click();
  await expect(page.getByRole("textbox", { name: texts.en.payloadUrl })).toHaveValue(url);
  await expect(page.getByRole("textbox", { name: "Name", exact: true })).toHaveValue(`One click ${suffix}`);
});
