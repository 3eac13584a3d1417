import { expect, type Locator, type Page, test } from "@playwright/test";
import { e2eEnv } from "./e2e-env.mjs";

// The web server starts every run on an empty database; each test leaves it empty again.

type Texts = {
  locale: "de" | "en";
  emptyHeading: string;
  createFirst: string;
  newTitle: string;
  editTitle: string;
  name: string;
  status: string;
  trigger: string;
  triggerElement: string;
  rsvpAnswer: string;
  create: string;
  method: string;
  payloadUrl: string;
  addHeader: string;
  headerKey: (row: number) => string;
  headerValue: (row: number) => string;
  addBody: string;
  bodyKey: (row: number) => string;
  bodyValue: (row: number) => string;
  variables: string;
  searchVariables: string;
  preview: string;
  save: string;
  never: string;
  inactive: string;
  activeSwitch: (name: string) => string;
  edit: (name: string) => string;
  delete: (name: string) => string;
  confirmTitle: string;
  confirmAction: string;
  // What the toast says once a save, a switch or a delete is done.
  toastSaved: string;
  toastOff: string;
  toastDeleted: string;
  webhookName: string;
  renamed: string;
};

const german: Texts = {
  locale: "de",
  emptyHeading: "Noch keine Webhooks",
  createFirst: "Ersten Webhook anlegen",
  newTitle: "Neuer Webhook",
  editTitle: "Webhook bearbeiten",
  name: "Name",
  status: "Status",
  trigger: "Trigger",
  triggerElement: "Trigger-Element",
  rsvpAnswer: "RSVP-Antwort",
  create: "Neu",
  method: "Methode",
  payloadUrl: "Payload-URL",
  addHeader: "Header hinzufügen",
  headerKey: (row) => `Key von Header ${row}`,
  headerValue: (row) => `Wert von Header ${row}`,
  addBody: "Body-Feld hinzufügen",
  bodyKey: (row) => `Key von Body-Feld ${row}`,
  bodyValue: (row) => `Wert von Body-Feld ${row}`,
  variables: "Variablen",
  searchVariables: "Variablen durchsuchen",
  preview: "Vorschau",
  save: "Webhook speichern",
  never: "noch nie",
  inactive: "Inaktiv",
  activeSwitch: (name) => `Aktiv: ${name}`,
  edit: (name) => `${name} bearbeiten`,
  delete: (name) => `${name} löschen`,
  confirmTitle: "Webhook löschen?",
  confirmAction: "Webhook löschen",
  toastSaved: "Webhook gespeichert",
  toastOff: "Webhook deaktiviert",
  toastDeleted: "Webhook gelöscht",
  webhookName: "Newsletter-Anmeldung",
  renamed: "Newsletter-Anmeldung (CRM)",
};

const english: Texts = {
  locale: "en",
  emptyHeading: "No webhooks yet",
  createFirst: "Create your first webhook",
  newTitle: "New webhook",
  editTitle: "Edit webhook",
  name: "Name",
  status: "Status",
  trigger: "Trigger",
  triggerElement: "Trigger element",
  rsvpAnswer: "RSVP answer",
  create: "Create",
  method: "Method",
  payloadUrl: "Payload URL",
  addHeader: "Add header",
  headerKey: (row) => `Header ${row} key`,
  headerValue: (row) => `Header ${row} value`,
  addBody: "Add body field",
  bodyKey: (row) => `Body field ${row} key`,
  bodyValue: (row) => `Body field ${row} value`,
  variables: "Variables",
  searchVariables: "Search variables",
  preview: "Preview",
  save: "Save webhook",
  never: "never",
  inactive: "Inactive",
  activeSwitch: (name) => `Active: ${name}`,
  edit: (name) => `Edit ${name}`,
  delete: (name) => `Delete ${name}`,
  confirmTitle: "Delete this webhook?",
  confirmAction: "Delete webhook",
  toastSaved: "Webhook saved",
  toastOff: "Webhook deactivated",
  toastDeleted: "Webhook deleted",
  webhookName: "Newsletter sign-up",
  renamed: "Newsletter sign-up (CRM)",
};

// Sonner's toast, named by what it says (it disappears after a few seconds; several may show at once).
const toast = (page: Page, text: string) => page.getByTestId("toast").filter({ hasText: text });

const textbox = (scope: Locator | Page, name: string) => scope.getByRole("textbox", { name, exact: true });
const combobox = (scope: Locator | Page, name: string) => scope.getByRole("combobox", { name, exact: true });

async function fillRow(key: Locator, value: Locator, pair: [string, string]) {
  await key.fill(pair[0]);
  await value.fill(pair[1]);
}

async function deleteFromList(page: Page, texts: Texts, name: string) {
  await page.getByRole("button", { name: texts.delete(name), exact: true }).click();
  const dialog = page.getByRole("alertdialog", { name: texts.confirmTitle });
  await dialog.getByRole("button", { name: texts.confirmAction, exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(toast(page, texts.toastDeleted)).toBeVisible();
  await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);
}

async function webhookLifecycle(page: Page, texts: Texts) {
  await page.goto(`/${texts.locale}/webhooks`);
  await expect(page.getByRole("heading", { name: texts.emptyHeading })).toBeVisible();
  await page.getByRole("link", { name: texts.createFirst }).click();

  await expect(page.getByRole("heading", { level: 1, name: texts.newTitle })).toBeVisible();
  const form = page.getByRole("form", { name: texts.newTitle });
  await textbox(form, texts.name).fill(texts.webhookName);
  await combobox(form, texts.triggerElement).selectOption({ label: texts.rsvpAnswer });
  await combobox(form, texts.trigger).selectOption({ label: texts.create });
  await combobox(form, texts.method).selectOption("POST");
  await textbox(form, texts.payloadUrl).fill("https://crm.example.com/hooks/rsvp");

  await form.getByRole("button", { name: texts.addHeader }).click();
  await expect(textbox(form, texts.headerKey(1))).toBeFocused();
  await fillRow(textbox(form, texts.headerKey(1)), textbox(form, texts.headerValue(1)), [
    "Authorization",
    "Bearer geheim-123",
  ]);
  await form.getByRole("button", { name: texts.addHeader }).click();
  await fillRow(textbox(form, texts.headerKey(2)), textbox(form, texts.headerValue(2)), [
    "X-Source",
    "hooksmith",
  ]);

  await form.getByRole("button", { name: texts.addBody }).click();
  await textbox(form, texts.bodyKey(1)).fill("user-email");
  const emailValue = textbox(form, texts.bodyValue(1));
  await emailValue.click();
  await form.getByRole("button", { name: texts.variables, exact: true }).click();
  const popover = page.getByRole("dialog", { name: new RegExp(texts.variables) });
  await popover.getByRole("searchbox", { name: texts.searchVariables }).fill("email");
  await popover.getByRole("button", { name: "{{email}}", exact: true }).click();
  await expect(popover).toBeHidden();
  await expect(emailValue).toHaveValue("{{email}}");
  await expect(emailValue).toBeFocused();

  await form.getByRole("button", { name: texts.addBody }).click();
  await fillRow(textbox(form, texts.bodyKey(2)), textbox(form, texts.bodyValue(2)), ["source", "rsvp-form"]);

  const preview = page.getByRole("region", { name: texts.preview });
  await expect(preview).toContainText('"user-email": "lena.hoffmann@example.de"');
  await expect(preview).toContainText('"source": "rsvp-form"');
  await expect(preview).toContainText("Bearer geheim-123");

  await form.getByRole("button", { name: texts.save }).click();
  await expect(page).toHaveURL(new RegExp(`/${texts.locale}/webhooks$`));
  await expect(toast(page, texts.toastSaved)).toBeVisible();
  const row = page
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name: texts.webhookName, exact: true }) });
  await expect(row).toContainText(texts.rsvpAnswer);
  await expect(row).toContainText(texts.create);
  await expect(row).toContainText("https://crm.example.com/hooks/rsvp");
  await expect(row).toContainText(texts.never);

  // The switch saves at once: wait until the request has finished, then reload.
  const toggle = page.getByRole("switch", { name: texts.activeSwitch(texts.webhookName) });
  await expect(toggle).toBeChecked();
  await toggle.click();
  await expect(toggle).not.toBeChecked();
  await expect(toggle).toHaveAttribute("aria-busy", "false");
  await expect(toast(page, texts.toastOff)).toBeVisible();
  await page.reload();
  await expect(page.getByRole("switch", { name: texts.activeSwitch(texts.webhookName) })).not.toBeChecked();
  await expect(row).toContainText(texts.inactive);

  await page.getByRole("link", { name: texts.edit(texts.webhookName), exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: texts.editTitle })).toBeVisible();
  const editForm = page.getByRole("form", { name: texts.editTitle });
  await expect(textbox(editForm, texts.headerKey(2))).toHaveValue("X-Source");
  await expect(textbox(editForm, texts.bodyValue(1))).toHaveValue("{{email}}");
  await expect(editForm.getByRole("switch", { name: texts.status })).not.toBeChecked();
  await textbox(editForm, texts.name).fill(texts.renamed);
  await editForm.getByRole("button", { name: texts.save }).click();

  await expect(page).toHaveURL(new RegExp(`/${texts.locale}/webhooks$`));
  await expect(toast(page, texts.toastSaved)).toBeVisible();
  await expect(page.getByRole("link", { name: texts.renamed, exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: texts.webhookName, exact: true })).toHaveCount(0);

  await deleteFromList(page, texts, texts.renamed);
  await expect(page.getByRole("heading", { name: texts.emptyHeading })).toBeVisible();
}

test("creates, lists, switches off, edits and deletes a webhook in German", async ({ page }) => {
  await webhookLifecycle(page, german);
});

test("creates, lists, switches off, edits and deletes a webhook in English", async ({ page }) => {
  await webhookLifecycle(page, english);
});

test("shows a rejected save at the cell that caused it and saves nothing", async ({ page, context }) => {
  await page.goto("/en/webhooks/new");
  const form = page.getByRole("form", { name: english.newTitle });
  await textbox(form, "Name").fill("Rejected at first");
  await textbox(form, "Payload URL").fill("https://example.com/hook");
  await form.getByRole("button", { name: "Add header" }).click();
  await fillRow(textbox(form, "Header 1 key"), textbox(form, "Header 1 value"), ["X-Trace", "{{id}}"]);
  await form.getByRole("button", { name: "Add header" }).click();
  await fillRow(textbox(form, "Header 2 key"), textbox(form, "Header 2 value"), [
    "Content-Type",
    "text/plain",
  ]);
  await form.getByRole("button", { name: "Add body field" }).click();
  await fillRow(textbox(form, "Body field 1 key"), textbox(form, "Body field 1 value"), [
    "mail",
    "{{emial}}",
  ]);
  await form.getByRole("button", { name: "Save webhook" }).click();

  const headerKey = textbox(form, "Header 2 key");
  await expect(headerKey).toHaveAttribute("aria-invalid", "true");
  await expect(headerKey).toHaveAccessibleDescription(
    "Hooksmith sets the Content-Type header itself; choose another name.",
  );
  await expect(textbox(form, "Header 1 key")).not.toHaveAttribute("aria-invalid");
  await expect(textbox(form, "Header 2 value")).not.toHaveAttribute("aria-invalid");
  const bodyValue = textbox(form, "Body field 1 value");
  await expect(bodyValue).toHaveAttribute("aria-invalid", "true");
  await expect(bodyValue).toHaveAccessibleDescription(/Unknown variable "emial"/);
  await expect(page.getByTestId("form-issues")).toContainText("Check the 2 highlighted fields.");
  await expect(page).toHaveURL(/\/en\/webhooks\/new$/);

  const list = await context.newPage();
  await list.goto("/en/webhooks");
  await expect(list.getByRole("heading", { name: english.emptyHeading })).toBeVisible();

  // Fixing a cell clears its error as you type.
  await headerKey.fill("X-Format");
  await expect(headerKey).not.toHaveAttribute("aria-invalid");
  await bodyValue.fill("{{email}}");
  await expect(bodyValue).not.toHaveAttribute("aria-invalid");
  await form.getByRole("button", { name: "Save webhook" }).click();
  await expect(page).toHaveURL(/\/en\/webhooks$/);

  // The server rejects changes to a webhook that was deleted meanwhile (here: in another tab).
  const editor = await context.newPage();
  const href = await page
    .getByRole("link", { name: "Edit Rejected at first", exact: true })
    .getAttribute("href");
  await editor.goto(href ?? "");
  const editForm = editor.getByRole("form", { name: english.editTitle });
  await expect(textbox(editForm, "Header 2 key")).toHaveValue("X-Format");
  await list.reload();
  await deleteFromList(list, english, "Rejected at first");

  // The list still shows it: switching it off fails, and the switch falls back with a message.
  const toggle = page.getByRole("switch", { name: "Active: Rejected at first" });
  await toggle.click();
  await expect(page.getByText("Could not save the status. It is back to what was saved.")).toBeVisible();
  await expect(toggle).toBeChecked();
  await expect(toggle).toHaveAttribute("aria-busy", "false");

  await textbox(editForm, "Name").fill("Saved too late");
  await editForm.getByRole("button", { name: "Save webhook" }).click();
  await expect(editor.getByTestId("form-issues")).toContainText(
    "This webhook no longer exists; it may have been deleted in the meantime.",
  );
  await expect(editor).toHaveURL(/\/en\/webhooks\/[0-9a-f-]{36}$/);

  await list.reload();
  await expect(list.getByRole("heading", { name: english.emptyHeading })).toBeVisible();
  // An unknown id is a 404 page, not an empty editor.
  const missing = await list.goto(href ?? "");
  expect(missing?.status()).toBe(404);
});

test("brings a refused save's first invalid field into view above the save bar and announces it", async ({
  page,
}) => {
  // Short enough that the payload URL sits low on the page, where the sticky save bar covers it.
  await page.setViewportSize({ width: 1280, height: 640 });
  await page.goto("/en/webhooks/new");
  const form = page.getByRole("form", { name: english.newTitle });
  await textbox(form, "Name").fill("Refused target");
  const url = textbox(form, "Payload URL");
  await url.fill("https://hooks.example.com/refused");
  // What only the server knows to refuse (in production: a host that resolves into a private network;
  // this app allows those for the specs' receivers) is stood in for by the request as the server gets it:
  // its URL turned into one the server's schema refuses. Refusal and answer are the server's own.
  await page.route("**/en/webhooks/new", async (route) => {
    const request = route.request();
    if (request.method() !== "POST" || !request.headers()["next-action"]) return route.continue();
    const body = request.postData() ?? "";
    expect(body).toContain("https://hooks.example.com/refused");
    return route.continue({ postData: body.replace("https://hooks.example.com", "ftp://hooks.example.com") });
  });
  await page.evaluate(() => window.scrollTo(0, 0));
  await form.getByRole("button", { name: "Save webhook" }).click();

  await expect(url).toHaveAttribute("aria-invalid", "true");
  await expect(url).toBeFocused();
  const message = form.locator("#webhook-payload_url-error");
  await expect(message).toHaveText("Enter an absolute URL starting with http:// or https://.");
  // The field and its message lie inside the viewport, above the sticky bar (not under it).
  const bar = page.getByTestId("save-bar");
  const clearOfBar = async (locator: Locator) => {
    const [box, barBox] = [await locator.boundingBox(), await bar.boundingBox()];
    return Boolean(box && barBox && box.y >= 0 && box.y + box.height <= barBox.y);
  };
  await expect.poll(() => clearOfBar(url)).toBe(true);
  await expect.poll(() => clearOfBar(message)).toBe(true);
  // Announced: the live region holds the summary with the message.
  const summary = page.getByTestId("form-issues");
  await expect(summary).toHaveAttribute("role", "alert");
  await expect(summary).toContainText("The webhook was not saved.");
  await expect(summary).toContainText("Enter an absolute URL starting with http:// or https://.");
  await expect(page).toHaveURL(/\/en\/webhooks\/new$/);
});

test("shows filters, variables and the request preview for the chosen element", async ({
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await page.goto("/en/webhooks/new");
  const form = page.getByRole("form", { name: english.newTitle });
  const element = combobox(form, "Trigger element");
  const trigger = combobox(form, "Trigger");

  // RSVP answers alone have the prokey filter; attendees have their own filter fields.
  await expect(element).toHaveValue("rsvp_answer");
  await expect(textbox(form, "Prokey filter")).toBeVisible();
  await expect(textbox(form, "Ticket type")).toHaveCount(0);
  await element.selectOption({ label: "Attendee" });
  await expect(textbox(form, "Prokey filter")).toHaveCount(0);
  await expect(textbox(form, "Ticket type")).toBeVisible();
  await expect(textbox(form, "Attendee type")).toBeVisible();
  await expect(textbox(form, "Language")).toBeVisible();
  await element.selectOption({ label: "Event" });
  await expect(textbox(form, "Prokey filter")).toHaveCount(0);
  await expect(textbox(form, "Ticket type")).toHaveCount(0);

  // Changing the element keeps the trigger only when the new element has it.
  await element.selectOption({ label: "Booking" });
  await expect(trigger).toHaveValue("create");
  await element.selectOption({ label: "Meeting" });
  await expect(trigger).toHaveValue("book");

  await element.selectOption({ label: "RSVP answer" });
  await trigger.selectOption({ label: "Delete" });
  const variablesButton = form.getByRole("button", { name: "Variables", exact: true });
  await variablesButton.click();
  const popover = page.getByRole("dialog", { name: /Variables/ });
  await expect(popover.getByRole("listitem")).toHaveCount(1);
  await expect(popover.getByRole("button", { name: "{{id}}", exact: true })).toBeVisible();
  await expect(popover).toContainText("A delete trigger only sends the id.");
  await page.keyboard.press("Escape");
  await expect(popover).toBeHidden();

  // No value cell had focus yet: a click copies the variable.
  await trigger.selectOption({ label: "Create" });
  await variablesButton.click();
  await expect(popover.getByRole("button", { name: "{{payload.}}", exact: true })).toBeVisible();
  await popover.getByRole("button", { name: "{{email}}", exact: true }).click();
  await expect(form).toContainText("Copied {{email}} to the clipboard.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("{{email}}");

  // A wildcard inserts `{{payload.}}` with the caret before `}}`.
  await form.getByRole("button", { name: "Add body field" }).click();
  await textbox(form, "Body field 1 key").fill("first-name");
  const value = textbox(form, "Body field 1 value");
  await value.click();
  await variablesButton.click();
  await popover.getByRole("searchbox", { name: "Search variables" }).fill("payload");
  await popover.getByRole("button", { name: "{{payload.}}", exact: true }).click();
  await expect(value).toBeFocused();
  await page.keyboard.type("first_name");
  await expect(value).toHaveValue("{{payload.first_name}}");

  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview).toContainText('"first-name": "Lena"');
  // A long element_data starts folded; unfolded, the element's own fields are there.
  await preview.getByRole("button", { name: /^element_data \(\d+ lines\)$/ }).click();
  await expect(preview).toContainText('"element_data": {');
  await expect(preview).toContainText('"email": "lena.hoffmann@example.de"');
  await expect(preview).toContainText('"first-name": "Lena"');
  await expect(preview).toContainText("(payload URL)");

  // A template the sample cannot fill shows why instead of a request.
  await value.fill("{{payload.shoe_size}}");
  await expect(preview).toContainText("This request cannot be built with the sample data:");
  await value.fill("{{payload.first_name}}");

  // GET sends everything in the query string.
  await textbox(form, "Payload URL").fill("https://example.com/in");
  await combobox(form, "Method").selectOption("GET");
  await expect(preview).toContainText("https://example.com/in?element_data=");
  await expect(preview).toContainText("first-name=Lena");
  await expect(preview).toContainText("No body: with GET, everything is in the query string.");
  await expect(form).toContainText("With GET, element_data and these fields go into the query string");
});

test("edits a webhook with 50 header rows and 50 body rows", async ({ page, request }) => {
  // Stored over the API with 50 headers and 49 body fields (typing 100 rows would only measure the
  // editor's speed, which `npm run bench:editor` does); the editor loads them, grows the 50th body field by
  // keyboard, and saves all of them.
  const rows = (count: number, key: (row: number) => string, value: (row: number) => string) =>
    Array.from({ length: count }, (_, index) => ({ key: key(index + 1), value: value(index + 1) }));
  const created = await request.post("/api/v1/webhook", {
    headers: { authorization: `Bearer ${e2eEnv.API_TOKEN}` },
    data: {
      name: "Many rows",
      payload_url: "https://example.com/many",
      trigger_element: "rsvp_answer",
      trigger: "create",
      header: rows(
        50,
        (row) => `X-Row-${row}`,
        (row) => `value ${row}`,
      ),
      body: rows(
        49,
        (row) => `field-${row}`,
        (row) => `v${row}`,
      ),
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  await page.goto(`/en/webhooks/${id}`);
  const form = page.getByRole("form", { name: english.editTitle });
  await expect(form.getByRole("textbox", { name: /^Header \d+ key$/ })).toHaveCount(50);
  await expect(form.getByRole("textbox", { name: /^Body field \d+ key$/ })).toHaveCount(49);
  await expect(textbox(form, "Header 50 key")).toHaveValue("X-Row-50");

  // By keyboard: Enter in the last value adds a row and moves to its key, Enter in a key moves to its value.
  await textbox(form, "Body field 49 value").press("Enter");
  const key = textbox(form, "Body field 50 key");
  await expect(key).toBeFocused();
  await key.pressSequentially("field-50");
  await key.press("Enter");
  const lastBody = textbox(form, "Body field 50 value");
  await expect(lastBody).toBeFocused();
  // Typed key by key into the last of 100 rows, it reaches the preview.
  const preview = page.getByRole("region", { name: "Preview" });
  await lastBody.pressSequentially("Dear {{payload.first_name}}");
  await expect(preview).toContainText('"field-50": "Dear Lena"');
  const lastHeader = textbox(form, "Header 50 value");
  await lastHeader.fill("");
  await lastHeader.pressSequentially("Bearer {{id}}");
  await expect(preview).toContainText("Bearer 3f6c2a9e-8b41-4d7a-9c25-1e0b7d4a6f13");

  await form.getByRole("button", { name: "Save webhook" }).click();
  await expect(page).toHaveURL(/\/en\/webhooks$/);
  await page.getByRole("link", { name: "Edit Many rows", exact: true }).click();
  const editForm = page.getByRole("form", { name: english.editTitle });
  await expect(editForm.getByRole("textbox", { name: /^Header \d+ key$/ })).toHaveCount(50);
  await expect(editForm.getByRole("textbox", { name: /^Body field \d+ key$/ })).toHaveCount(50);
  await expect(textbox(editForm, "Body field 50 value")).toHaveValue("Dear {{payload.first_name}}");
  await expect(textbox(editForm, "Header 50 value")).toHaveValue("Bearer {{id}}");

  // Reordering: moving the last header up swaps it with the one above.
  await editForm.getByRole("button", { name: "Move header 50 up" }).click();
  await expect(textbox(editForm, "Header 49 key")).toHaveValue("X-Row-50");
  await expect(textbox(editForm, "Header 50 key")).toHaveValue("X-Row-49");
  await editForm.getByRole("button", { name: "Remove header 49" }).click();
  await expect(editForm.getByRole("textbox", { name: /^Header \d+ key$/ })).toHaveCount(49);
  await expect(textbox(editForm, "Header 49 key")).toBeFocused();
  await expect(textbox(editForm, "Header 49 key")).toHaveValue("X-Row-49");

  await page.goto("/en/webhooks");
  await deleteFromList(page, english, "Many rows");
  await expect(page.getByRole("heading", { name: english.emptyHeading })).toBeVisible();
});

test("asks before leaving the editor with unsaved changes, and not when nothing changed", async ({
  page,
}) => {
  await page.goto("/en/webhooks/new");
  const form = page.getByRole("form", { name: english.newTitle });
  await expect(textbox(form, "Name")).toBeVisible();
  // Nothing changed: Cancel just leaves.
  await form.getByRole("link", { name: "Cancel" }).click();
  await expect(page).toHaveURL(/\/en\/webhooks$/);

  await page.goto("/en/webhooks/new");
  await textbox(form, "Name").fill("Half done");
  await form.getByRole("link", { name: "Cancel" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Leave without saving?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Keep editing" }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/en\/webhooks\/new$/);
  await expect(textbox(form, "Name")).toHaveValue("Half done");

  // A reload asks the browser's own question: dismissed, the page and its changes stay.
  let asked = false;
  page.once("dialog", async (question) => {
    asked = question.type() === "beforeunload";
    await question.dismiss();
  });
  await page.reload({ timeout: 3_000 }).catch(() => undefined);
  expect(asked).toBe(true);
  await expect(textbox(form, "Name")).toHaveValue("Half done");

  await form.getByRole("link", { name: "Cancel" }).click();
  await dialog.getByRole("button", { name: "Leave without saving" }).click();
  await expect(page).toHaveURL(/\/en\/webhooks$/);
});

// The preview folds a long element_data, so the webhook's own body fields show without scrolling.
for (const texts of [english, german]) {
  test(`folds a long element_data in the preview so the own body fields show (${texts.locale})`, async ({
    page,
  }) => {
    await page.goto(`/${texts.locale}/webhooks/new`);
    const form = page.getByRole("form", { name: texts.newTitle });
    await combobox(form, texts.triggerElement).selectOption({ label: texts.rsvpAnswer });
    await combobox(form, texts.trigger).selectOption({ label: texts.create });
    await form.getByRole("button", { name: texts.addBody }).click();
    await fillRow(textbox(form, texts.bodyKey(1)), textbox(form, texts.bodyValue(1)), ["guest", "{{email}}"]);

    const body = page.getByTestId("preview-body");
    const fold = page.getByRole("button", { name: /^element_data \(\d+ (lines|Zeilen)\)$/ });
    await expect(fold).toHaveAttribute("aria-expanded", "false");
    await expect(body).toContainText('"guest": "');
    // The sample's own fields are folded away…
    await expect(body).not.toContainText('"prokey"');
    // …and the own field sits inside the region's visible part, with the region scrolled to its top.
    await body.scrollIntoViewIfNeeded();
    const guestInView = () =>
      body.evaluate((region) => {
        const pre = region.querySelector("pre");
        const text = [...(pre?.childNodes ?? [])].find((node) => node.textContent?.includes('"guest"'));
        if (!text) return false;
        const at = text.textContent?.indexOf('"guest"') ?? 0;
        const range = document.createRange();
        range.setStart(text, at);
        range.setEnd(text, at + '"guest"'.length);
        const line = range.getBoundingClientRect();
        const box = region.getBoundingClientRect();
        return region.scrollTop === 0 && line.top >= box.top && line.bottom <= box.bottom;
      });
    await expect.poll(guestInView).toBe(true);
    // A keyboard user reaches the region to scroll it.
    await expect(body).toHaveAttribute("tabindex", "0");

    await fold.click();
    await expect(fold).toHaveAttribute("aria-expanded", "true");
    await expect(body).toContainText('"prokey"');
    await expect(body).toContainText('"guest": "');
  });
}
