import { randomUUID } from "node:crypto";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { e2eEnv } from "./e2e-env.mjs";
import { postRsvpUpdate } from "./rsvp-event";

// Trying a webhook before it goes live, as a new user would: a request inbox, a webhook made from it in one
// click, "Send test" in the editor, the request in the inbox with a valid signature; then the inbox told to
// answer 500, 429 (with Retry-After) and 410 — the tests show those answers and leave the webhook on, while
// a real delivery that gets the 410 switches it off.

const apiHeaders = { authorization: `Bearer ${e2eEnv.API_TOKEN}` };

const texts = {
  en: {
    createWebhook: "Create a webhook for this inbox",
    save: "Save webhook",
    send: "Send test",
    checkWith: "Check signatures with",
    valid: "Signature valid",
  },
  de: {
    createWebhook: "Webhook für diese Inbox anlegen",
    save: "Webhook speichern",
    send: "Test senden",
    checkWith: "Signaturen prüfen mit",
    valid: "Signatur gültig",
  },
} as const;

type Inbox = { id: string; path: string };
type StoredWebhook = { id: string; active: boolean; secret: string; disabled_reason: string | null };

async function readWebhook(request: APIRequestContext, id: string): Promise<StoredWebhook> {
  const response = await request.get(`/api/v1/webhook/${id}`, { headers: apiHeaders });
  expect(response.status()).toBe(200);
  return (await response.json()) as StoredWebhook;
}

async function answerWith(
  request: APIRequestContext,
  inbox: Inbox,
  status: number,
  retryAfter: number | null,
) {
  const response = await request.patch(`/api/v1/inbox/${inbox.id}`, {
    headers: apiHeaders,
    data: { response_status: status, response_retry_after: retryAfter },
  });
  expect(response.status(), await response.text()).toBe(200);
}

async function sendTest(page: Page, locale: "en" | "de", status: number) {
  await page.getByRole("button", { name: texts[locale].send, exact: true }).click();
  await expect(page.getByTestId("test-outcome")).toContainText(`HTTP ${status}`);
}

for (const locale of ["en", "de"] as const) {
  test(`makes a webhook from an inbox in one click and tries it with test sends (${locale})`, async ({
    page,
    request,
  }) => {
    // An inbox, the editor, four sends and a real delivery: more than one page's budget under load.
    test.setTimeout(240_000);
    const t = texts[locale];
    const name = `Try-out ${locale} ${randomUUID().slice(0, 8)}`;
    const created = await request.post("/api/v1/inbox", { headers: apiHeaders, data: { name } });
    expect(created.status()).toBe(201);
    const inbox = (await created.json()) as Inbox;
    let webhookId: string | null = null;
    try {
      await page.goto(`/${locale}/inboxes/${inbox.id}`);
      await page.getByRole("link", { name: t.createWebhook }).click();
      await page.getByRole("button", { name: t.save }).click();
      await expect(page).toHaveURL(new RegExp(`/${locale}/webhooks$`));
      await page.getByRole("link", { name, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`/${locale}/webhooks/[0-9a-f-]{36}$`));
      webhookId = new URL(page.url()).pathname.split("/").at(-1) ?? null;
      if (!webhookId) throw new Error("no webhook id in the editor's address");

      await sendTest(page, locale, 200);
      // The inbox's page: the request, and its signature checked with the webhook it came from.
      await page.goto(`/${locale}/inboxes/${inbox.id}`);
      await expect(page.getByTestId("inbox-request")).toHaveCount(1);
      await page.getByRole("combobox", { name: t.checkWith }).selectOption({ label: name });
      await expect(page.getByTestId("inbox-request").getByTestId("signature-verdict")).toHaveText(t.valid);
      // As a receiver with the standardwebhooks library would check it.
      const { secret } = await readWebhook(request, webhookId);
      const stored = await request.get(`/api/v1/inbox/${inbox.id}/requests`, { headers: apiHeaders });
      const [first] = ((await stored.json()) as { requests: { body: string; headers: [string, string][] }[] })
        .requests;
      expect(() =>
        new StandardWebhook(secret).verify(first?.body ?? "", Object.fromEntries(first?.headers ?? []), {
          jsonParse: false,
        }),
      ).not.toThrow();

      // Tests see the answers the inbox is told to give, and never switch the webhook off.
      await page.goto(`/${locale}/webhooks/${webhookId}`);
      for (const [status, retryAfter] of [
        [500, null],
        [429, 120],
        [410, null],
      ] as const) {
        await answerWith(request, inbox, status, retryAfter);
        await sendTest(page, locale, status);
        // A test is one attempt: the outcome shows the receiver's Retry-After, and nothing is scheduled.
        if (retryAfter)
          await expect(page.getByTestId("test-outcome")).toContainText(`retry-after${retryAfter}`);
        expect((await readWebhook(request, webhookId)).active).toBe(true);
      }

      // A real delivery that gets the 410 does: it listens to update with a prokey of its own, so no other
      // spec's event reaches it.
      const prokey = randomUUID();
      const patched = await request.patch(`/api/v1/webhook/${webhookId}`, {
        headers: apiHeaders,
        data: { trigger_element: "rsvp_answer", trigger: "update", prokey_filter: prokey },
      });
      expect(patched.status(), await patched.text()).toBe(200);
      await postRsvpUpdate(request, prokey);
      await expect.poll(async () => (await readWebhook(request, webhookId ?? "")).active).toBe(false);
      expect((await readWebhook(request, webhookId)).disabled_reason).toBeTruthy();
    } finally {
      if (webhookId) await request.delete(`/api/v1/webhook/${webhookId}`, { headers: apiHeaders });
      await request.delete(`/api/v1/inbox/${inbox.id}`, { headers: apiHeaders });
    }
  });
}
