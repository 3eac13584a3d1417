import { randomUUID } from "node:crypto";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { type Receiver, startReceiver } from "../helpers/receiver";
import { expectNoSeriousViolations } from "./axe";
import { pageIsDark } from "./contrast";
import { e2eEnv, editorAccount } from "./e2e-env.mjs";
import { postRsvpUpdate } from "./rsvp-event";
import { signIn } from "./workspace-doors";

// Alerts through our own pipeline, in the browser, in both languages: an owner subscribes a webhook to
// Hooksmith's `webhook.disabled` in the editor; another webhook's receiver answers 410, and the alert
// arrives at a loopback receiver; the owner sees the notice above the list and its count in the header,
// acknowledges it, and both are gone. The CRM webhooks listen to rsvp_answer/update with a prokey of their
// own, so other specs' events never reach them.

type Texts = {
  locale: "en" | "de";
  newWebhook: string;
  name: string;
  triggerElement: string;
  hooksmith: string;
  trigger: string;
  disabled: string;
  method: string;
  payloadUrl: string;
  save: string;
  saved: string;
  noticeTitle: string;
  reason: string;
  acknowledge: (name: string) => string;
  acknowledged: string;
  count: (count: number) => string;
};

const english: Texts = {
  locale: "en",
  newWebhook: "New webhook",
  name: "Name",
  triggerElement: "Trigger element",
  hooksmith: "Hooksmith (operational events)",
  trigger: "Trigger",
  disabled: "Webhook switched off",
  method: "Method",
  payloadUrl: "Payload URL",
  save: "Save webhook",
  saved: "Webhook saved",
  noticeTitle: "Hooksmith switched",
  reason: "Switched off automatically: the receiver answered 410 Gone",
  acknowledge: (name) => `Acknowledge that ${name} was switched off`,
  acknowledged: "Notice acknowledged",
  count: (count) => `${count} ${count === 1 ? "webhook" : "webhooks"} switched off`,
};

const german: Texts = {
  locale: "de",
  newWebhook: "Neuer Webhook",
  name: "Name",
  triggerElement: "Trigger-Element",
  hooksmith: "Hooksmith (Betriebsereignisse)",
  trigger: "Trigger",
  disabled: "Webhook abgeschaltet",
  method: "Methode",
  payloadUrl: "Payload-URL",
  save: "Webhook speichern",
  saved: "Webhook gespeichert",
  noticeTitle: "Hooksmith hat",
  reason: "Automatisch deaktiviert: Der Empfänger hat mit 410 Gone geantwortet",
  acknowledge: (name) => `Bestätigen, dass ${name} abgeschaltet wurde`,
  acknowledged: "Hinweis bestätigt",
  count: (count) => `${count} ${count === 1 ? "Webhook" : "Webhooks"} abgeschaltet`,
};

const apiHeaders = { authorization: `Bearer ${e2eEnv.API_TOKEN}` };
const created: string[] = [];

test.afterEach(async ({ request }) => {
  for (const id of created.splice(0)) await request.delete(`/api/v1/webhook/${id}`, { headers: apiHeaders });
});

// The id of a webhook in the list, from its row's link.
async function webhookIdFromList(page: Page, name: string): Promise<string> {
  const href = await page.getByRole("row").getByRole("link", { name, exact: true }).getAttribute("href");
  const id = href?.split("/").at(-1);
  if (!id) throw new Error(`no webhook named ${name}`);
  return id;
}

// The header's count of unacknowledged switch-offs: 0 when it is not shown.
async function headerCount(page: Page): Promise<number> {
  const link = page.getByRole("banner").getByTestId("notice-count");
  return (await link.count()) === 0 ? 0 : Number(await link.textContent());
}

const combobox = (scope: Locator, name: string) => scope.getByRole("combobox", { name, exact: true });
const textbox = (scope: Locator, name: string) => scope.getByRole("textbox", { name, exact: true });

for (const texts of [english, german]) {
  test(`an alert webhook receives webhook.disabled after a 410, and the owner acknowledges the notice (${texts.locale})`, async ({
    page,
    request,
    browser,
  }) => {
    const gone = await startReceiver();
    gone.respondWith({ status: 410, body: "gone" });
    const ops: Receiver = await startReceiver();
    try {
      const tag = randomUUID().slice(0, 8);
      const alertsName = `Ops ${tag}`;
      const crmName = `CRM ${tag}`;

      // The editor offers Hooksmith's own element and its triggers.
      await page.goto(`/${texts.locale}/webhooks/new`);
      const form = page.getByRole("form", { name: texts.newWebhook });
      await textbox(form, texts.name).fill(alertsName);
      await combobox(form, texts.triggerElement).selectOption({ label: texts.hooksmith });
      await combobox(form, texts.trigger).selectOption({ label: texts.disabled });
      await combobox(form, texts.method).selectOption("POST");
      await textbox(form, texts.payloadUrl).fill(`${ops.url}/alerts`);
      await form.getByRole("button", { name: texts.save }).click();
      await expect(page.getByTestId("toast").filter({ hasText: texts.saved })).toBeVisible();
      created.push(await webhookIdFromList(page, alertsName));

      const prokey = randomUUID();
      const response = await request.post("/api/v1/webhook", {
        headers: apiHeaders,
        data: {
          name: crmName,
          payload_url: `${gone.url}/crm`,
          trigger_element: "rsvp_answer",
          trigger: "update",
          prokey_filter: prokey,
        },
      });
      expect(response.status(), await response.text()).toBe(201);
      const crmId = ((await response.json()) as { id: string }).id;
      created.push(crmId);

      await page.goto(`/${texts.locale}/webhooks`);
      const before = await headerCount(page);
      await postRsvpUpdate(request, prokey);

      const [alert] = await ops.waitForRequests(1, 30_000);
      const body = JSON.parse(alert?.body.toString("utf8") ?? "{}");
      expect(alert?.headers["webhook-signature"]).toMatch(/^v1,/);
      expect(body.element_data).toMatchObject({ id: crmId, name: crmName, disabled_reason: "gone" });

      await page.reload();
      const notice = page.getByTestId("disabled-notice");
      await expect(notice.getByRole("heading", { level: 2 })).toContainText(texts.noticeTitle);
      const item = notice.getByRole("listitem").filter({ has: page.getByRole("link", { name: crmName }) });
      await expect(item).toContainText(texts.reason);
      await expect(
        page.getByRole("banner").getByRole("link", { name: texts.count(before + 1) }),
      ).toBeVisible();

      // Readable in both colour schemes: no serious axe violation with the notice and the count showing.
      for (const colorScheme of ["dark", "light"] as const) {
        await page.emulateMedia({ colorScheme });
        await expect.poll(() => pageIsDark(page)).toBe(colorScheme === "dark");
        await expectNoSeriousViolations(page, `the switch-off notice (${texts.locale}, ${colorScheme})`);
      }

      // Only owners are told: an editor of the workspace sees the webhook switched off, but no notice.
      const editorContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
      try {
        const editor = await editorContext.newPage();
        await signIn(editor, editorAccount.email, editorAccount.password);
        await editor.goto(`/${texts.locale}/webhooks`);
        await expect(editor.getByRole("link", { name: crmName, exact: true })).toBeVisible();
        await expect(editor.getByTestId("disabled-notice")).toHaveCount(0);
        await expect(editor.getByRole("banner").getByTestId("notice-count")).toHaveCount(0);
      } finally {
        await editorContext.close();
      }

      await item.getByRole("button", { name: texts.acknowledge(crmName), exact: true }).click();
      await expect(page.getByTestId("toast").filter({ hasText: texts.acknowledged })).toBeVisible();
      await expect(page.getByRole("link", { name: crmName, exact: true })).toHaveCount(1);
      await expect(item).toHaveCount(0);
      if (before === 0) {
        await expect(notice).toHaveCount(0);
        await expect(page.getByRole("banner").getByTestId("notice-count")).toHaveCount(0);
      } else {
        await expect(page.getByRole("banner").getByRole("link", { name: texts.count(before) })).toBeVisible();
      }
      // Acknowledged for good: a reload shows no notice for it.
      await page.reload();
      await expect(page.getByTestId("disabled-notice").getByRole("link", { name: crmName })).toHaveCount(0);
    } finally {
      await gone.close();
      await ops.close();
    }
  });
}
