import { type APIRequestContext, type Browser, expect, type Page, test } from "@playwright/test";
import de from "../../messages/de.json" with { type: "json" };
import en from "../../messages/en.json" with { type: "json" };
import { type Receiver, startReceiver } from "../helpers/receiver";
import { expectNoSeriousViolations } from "./axe";
import { e2eEnv } from "./e2e-env.mjs";
import { postEvent } from "./rsvp-event";

// axe-core on every page and every dialog or popover a person can open, in English and German, in the light
// and the dark colour scheme: no serious or critical WCAG 2.1 A/AA violation anywhere. The webhooks, the
// delivery and the key it needs are its own (a random suffix), so other specs' rows do not matter.

const apiHeaders = { authorization: `Bearer ${e2eEnv.API_TOKEN}` };
const suffix = Math.random().toString(36).slice(2, 8);
const names = { delivered: `Axe delivered ${suffix}`, quiet: `Axe quiet ${suffix}` };
const ids: string[] = [];
let receiver: Receiver;

// A message with its {placeholders} filled (the few used here have no plural forms).
const fill = (message: string, values: Record<string, string> = {}) =>
  message.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? `{${key}}`);

async function createWebhook(request: APIRequestContext, name: string, url: string): Promise<string> {
  const response = await request.post("/api/v1/webhook", {
    headers: apiHeaders,
    data: {
      name,
      payload_url: url,
      method: "POST",
      // A trigger no other spec sends, so their events never reach these webhooks.
      trigger_element: "poll",
      trigger: "answer",
      content_type: "application/json",
      header: [{ key: "Authorization", value: "Bearer axe-credential" }],
      body: [{ key: "question", value: "{{question}}" }],
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const { id } = (await response.json()) as { id: string };
  ids.push(id);
  return id;
}

test.beforeAll(async ({ request }) => {
  receiver = await startReceiver();
  await createWebhook(request, names.delivered, `${receiver.url}/poll`);
  await postEvent(request, {
    trigger_element: "poll",
    trigger: "answer",
    data: {
      id: `pol_${suffix}`,
      question: "Wie lädt eure Flotte heute überwiegend?",
      answer: { option_ids: ["o3"], text: null },
      attendee: { id: "att_1", name: "Jonas Weber", email: "jonas.weber@example.net" },
    },
  });
  // Only the first webhook exists yet: the second one stays "never" executed.
  await expect.poll(() => receiver.requests.length).toBe(1);
  await createWebhook(request, names.quiet, `${receiver.url}/quiet`);
});

test.afterAll(async ({ request }) => {
  for (const id of ids.splice(0)) await request.delete(`/api/v1/webhook/${id}`, { headers: apiHeaders });
  await receiver?.close();
});

type Messages = typeof de;

async function signedOutPage(browser: Browser, colorScheme: "light" | "dark") {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, colorScheme });
  return { context, page: await context.newPage() };
}

async function checkDialog(page: Page, what: string, role: "dialog" | "alertdialog", cancel: string) {
  const dialog = page.getByRole(role);
  await expect(dialog).toBeVisible();
  await expectNoSeriousViolations(page, what);
  await dialog.getByRole("button", { name: cancel, exact: true }).click();
  await expect(dialog).toBeHidden();
}

// The page in the colour scheme; the messages of the language; a label for axe's report.
async function prepare(page: Page, locale: "en" | "de", colorScheme: "light" | "dark") {
  await page.emulateMedia({ colorScheme });
  const m: Messages = locale === "en" ? en : de;
  return { m, at: (what: string) => `${what} (${locale}, ${colorScheme})` };
}

for (const locale of ["en", "de"] as const) {
  for (const colorScheme of ["light", "dark"] as const) {
    test(`sign-in, the webhook list, the editor and the delivery log pass axe (${locale}, ${colorScheme})`, async ({
      page,
      browser,
    }) => {
      test.setTimeout(300_000);
      const { m, at } = await prepare(page, locale, colorScheme);

      // Signed out: sign-in.
      const out = await signedOutPage(browser, colorScheme);
      try {
        await out.page.goto(`/${locale}/sign-in`);
        await expect(out.page.getByRole("button", { name: m.Auth.signIn.submit })).toBeVisible();
        await expectNoSeriousViolations(out.page, at("sign-in"));
      } finally {
        await out.context.close();
      }

      // The webhook list, with a webhook never executed, and its delete confirmation.
      await page.goto(`/${locale}/webhooks`);
      const quietRow = page.getByRole("row").filter({ hasText: names.quiet });
      await expect(quietRow).toContainText(m.Webhooks.never);
      await expectNoSeriousViolations(page, at("webhook list"));
      await quietRow.getByRole("button", { name: fill(m.Webhooks.delete, { name: names.quiet }) }).click();
      await checkDialog(page, at("delete confirmation"), "alertdialog", m.Webhooks.confirm.cancel);

      // The editor: new, then existing with the variables popover, the rotate dialog and the leave dialog.
      await page.goto(`/${locale}/webhooks/new`);
      await expect(page.getByRole("heading", { level: 1, name: m.WebhookEditor.titleNew })).toBeVisible();
      await expect(page.getByTestId("preview-body")).toBeVisible();
      await expectNoSeriousViolations(page, at("new webhook editor"));

      await page.goto(`/${locale}/webhooks`);
      await page.getByRole("link", { name: names.delivered, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: m.WebhookEditor.titleEdit })).toBeVisible();
      await expect(page.getByTestId("preview-body")).toBeVisible();
      await expectNoSeriousViolations(page, at("webhook editor"));
      await page.getByRole("button", { name: m.WebhookEditor.variables.button }).click();
      const popover = page.getByRole("dialog", {
        name: fill(m.WebhookEditor.variables.title, {
          element: m.Elements.poll.name,
          trigger: m.Elements.poll.triggers.answer,
        }),
      });
      await expect(popover.getByRole("button", { name: "{{question}}", exact: true })).toBeVisible();
      await expectNoSeriousViolations(page, at("variables popover"));
      await page.keyboard.press("Escape");
      await expect(popover).toBeHidden();
      await page.getByRole("button", { name: m.WebhookEditor.secret.rotate, exact: true }).click();
      await checkDialog(page, at("rotate dialog"), "alertdialog", m.WebhookEditor.secret.cancel);
      await page
        .getByRole("textbox", { name: m.WebhookEditor.fields.name, exact: true })
        .fill(`${names.delivered}!`);
      await page.getByRole("link", { name: m.WebhookEditor.back }).click();
      await checkDialog(page, at("leave dialog"), "alertdialog", m.WebhookEditor.leave.stay);
    });

    test(`the settings and their dialogs pass axe (${locale}, ${colorScheme})`, async ({ page }) => {
      test.setTimeout(300_000);
      const { m, at } = await prepare(page, locale, colorScheme);

      // The delivery log, with a delivery opened.
      await page.goto(`/${locale}/webhooks`);
      await page.getByRole("link", { name: fill(m.Webhooks.deliveries, { name: names.delivered }) }).click();
      const delivery = page
        .getByRole("list", { name: m.Deliveries.listLabel, exact: true })
        .locator(":scope > li");
      await expect(delivery).toHaveCount(1);
      await expect(delivery).toContainText(m.Deliveries.status.succeeded);
      await delivery.locator("summary").click();
      await expect(delivery.getByText(fill(m.Deliveries.attempt, { number: "1" }))).toBeVisible();
      await expectNoSeriousViolations(page, at("delivery log"));

      // Settings: keys (with a new key shown once and the revoke confirmation), members (remove, invite),
      // the audit log and the workspace's name.
      await page.goto(`/${locale}/settings/keys`);
      await page
        .getByLabel(m.Settings.keys.create.name, { exact: true })
        .fill(`Axe ${locale} ${colorScheme} ${suffix}`);
      await page.getByRole("button", { name: m.Settings.keys.create.submit }).click();
      await expect(page.getByTestId("created-key")).toBeVisible();
      await expectNoSeriousViolations(page, at("keys with a created key"));
      const keyName = `Axe ${locale} ${colorScheme} ${suffix}`;
      await page
        .getByRole("button", { name: fill(m.Settings.keys.revokeLabel, { name: keyName }), exact: true })
        .click();
      await checkDialog(page, at("revoke confirmation"), "alertdialog", m.Settings.keys.confirm.cancel);

      await page.goto(`/${locale}/settings/members`);
      await expect(page.getByTestId("member-row").first()).toBeVisible();
      await expectNoSeriousViolations(page, at("members"));
      await page
        .getByRole("button", { name: fill(m.Settings.members.removeLabel, { email: "editor@e2e.example" }) })
        .click();
      await checkDialog(page, at("remove confirmation"), "alertdialog", m.Settings.members.confirm.cancel);
      await page.getByRole("button", { name: m.Settings.invites.create }).click();
      await expect(page.getByLabel(m.Settings.invites.link, { exact: true })).toBeVisible();
      // The button leaves its pending look (faded) a moment after the link shows: judged once it has.
      await expect(page.getByRole("button", { name: m.Settings.invites.create, exact: true })).toBeEnabled();
      await expectNoSeriousViolations(page, at("members with an invite link"));
      // An editor invite (the form's default): its withdraw button names the role.
      await page
        .getByRole("button", {
          name: fill(m.Settings.invites.deleteLabel, { role: m.Settings.roles.editor }),
        })
        .first()
        .click();
      await checkDialog(page, at("withdraw confirmation"), "alertdialog", m.Settings.members.confirm.cancel);

      await page.goto(`/${locale}/settings/audit`);
      await expect(page.getByRole("heading", { level: 2, name: m.Settings.audit.title })).toBeVisible();
      await expectNoSeriousViolations(page, at("audit log"));
      await page.goto(`/${locale}/settings/general`);
      await expect(page.getByLabel(m.Settings.general.name)).toBeVisible();
      await expectNoSeriousViolations(page, at("workspace settings"));
      await page.goto(`/${locale}/workspaces/new`);
      await expect(page.getByRole("button").last()).toBeVisible();
      await expectNoSeriousViolations(page, at("new workspace"));
    });

    test(`the overview and a webhook's health page pass axe (${locale}, ${colorScheme})`, async ({
      page,
    }) => {
      test.setTimeout(120_000);
      const { m, at } = await prepare(page, locale, colorScheme);
      await page.goto(`/${locale}/overview`);
      await expect(page.getByRole("heading", { level: 1, name: m.Health.overview.title })).toBeVisible();
      await expectNoSeriousViolations(page, at("overview"));

      // The health page of the webhook with a delivery: its chart drawn, then checked.
      await page.goto(`/${locale}/webhooks`);
      await page
        .getByRole("link", { name: fill(m.Health.overview.viewHealth, { name: names.delivered }) })
        .click();
      await expect(page.getByRole("heading", { level: 1 })).toContainText(m.Health.page.title);
      await expect(page.getByTestId("deliveries-chart").locator("canvas")).toBeVisible();
      await expectNoSeriousViolations(page, at("webhook health"));
    });

    test(`the invite page and the not-found page pass axe (${locale}, ${colorScheme})`, async ({
      page,
      browser,
    }) => {
      test.setTimeout(300_000);
      const { m, at } = await prepare(page, locale, colorScheme);

      // The invite page, signed in and signed out.
      await page.goto(`/${locale}/settings/members`);
      await page.getByRole("button", { name: m.Settings.invites.create }).click();
      const link = await page.getByLabel(m.Settings.invites.link, { exact: true }).inputValue();
      const invitePath = new URL(link).pathname.replace(/^\/\w\w\//, `/${locale}/`);
      await page.goto(invitePath);
      await expect(page.getByRole("button", { name: m.Auth.invite.accept })).toBeVisible();
      await expectNoSeriousViolations(page, at("invite page, signed in"));
      const guest = await signedOutPage(browser, colorScheme);
      try {
        await guest.page.goto(invitePath);
        await expect(guest.page.getByRole("button", { name: m.Auth.invite.create })).toBeVisible();
        await expectNoSeriousViolations(guest.page, at("invite page, signed out"));
      } finally {
        await guest.context.close();
      }

      // An address that does not exist.
      await page.goto(`/${locale}/no-such-page-${suffix}`);
      await expect(page.getByRole("heading", { level: 1, name: m.NotFound.title })).toBeVisible();
      await expectNoSeriousViolations(page, at("not found"));
    });
  }
}
