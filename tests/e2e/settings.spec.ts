import { expect, test } from "@playwright/test";
import { e2eEnv } from "./e2e-env.mjs";

// An owner's settings: a key is shown once, works against the API, and stops working when revoked;
// the workspace keeps its last owner; invites are links; the audit log says who did what.

test("creates an API key that works until it is revoked (English)", async ({ page, request }) => {
  await page.goto("/en/settings/keys");
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();

  // The same rules as the server: a key needs a name.
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Give the key a name.")).toBeVisible();

  await page.getByLabel("Name").fill("Reporting");
  await page.getByLabel("Scope").selectOption("read");
  await page.getByRole("button", { name: "Create key" }).click();
  const shown = page.getByTestId("created-key");
  await expect(shown).toContainText("Copy your new key now");
  await expect(page.getByTestId("toast").filter({ hasText: "API key created" })).toBeVisible();
  const token = await shown.getByRole("textbox").inputValue();
  expect(token).toMatch(/^hks_api_[A-Za-z0-9_-]{40,}$/);
  const row = page.getByTestId("key-row").filter({ hasText: "Reporting" });
  await expect(row).toContainText("Read");
  await expect(row).toContainText("Active");
  await expect(row).toContainText(token.slice(0, 12));
  // Only the beginning is listed: the key itself is never shown again.
  await expect(page.getByTestId("key-row").filter({ hasText: token })).toHaveCount(0);

  const auth = { authorization: `Bearer ${token}` };
  expect((await request.get("/api/v1/webhook/all", { headers: auth })).status()).toBe(200);
  // Its scope is read: writing is refused.
  const write = await request.post("/api/v1/webhook", { headers: auth, data: { name: "x" } });
  expect(write.status()).toBe(403);

  await row.getByRole("button", { name: "Revoke Reporting" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("Revoked");
  await expect(page.getByTestId("toast").filter({ hasText: "API key revoked" })).toBeVisible();
  expect((await request.get("/api/v1/webhook/all", { headers: auth })).status()).toBe(401);
});

test("keeps the last owner, creates invite links and shows the audit log (German)", async ({ page }) => {
  await page.goto("/de/settings/members");
  const me = page.getByTestId("member-row").filter({ hasText: e2eEnv.ADMIN_EMAIL });
  const role = me.getByLabel(`Rolle von ${e2eEnv.ADMIN_EMAIL}`);
  await expect(role).toHaveValue("owner");
  // The only owner is not offered a removal that could only be refused; the editor is.
  await expect(
    page.getByRole("button", { name: `${e2eEnv.ADMIN_EMAIL} entfernen`, exact: true }),
  ).toHaveCount(0);
  await expect(page.getByRole("button", { name: "editor@e2e.example entfernen" })).toBeVisible();
  await role.selectOption("viewer");
  await expect(me.getByTestId("role-error")).toHaveText(/mindestens einen Eigentümer/);
  await expect(role).toHaveValue("owner");

  await page.getByLabel("Rolle", { exact: true }).selectOption("viewer");
  await page.getByRole("button", { name: "Einladungslink erstellen" }).click();
  await expect(page.getByLabel("Einladungslink")).toHaveValue(/\/de\/invite\/hki_[A-Za-z0-9_-]+$/);
  await expect(page.getByTestId("toast").filter({ hasText: "Einladungslink erstellt" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Betrachter" })).toContainText("Läuft ab am");

  await page.getByRole("link", { name: "Audit-Log" }).click();
  await expect(page).toHaveURL(/\/de\/settings\/audit$/);
  const entries = page.getByTestId("audit-row");
  await expect(entries.filter({ hasText: "Einladung erstellt" }).first()).toContainText(e2eEnv.ADMIN_EMAIL);
  // The key test ran first in this app: its creation and revocation are on record.
  // Other specs make and revoke keys of their own: only this spec's "Reporting" counts.
  const reporting = entries.filter({ hasText: "Reporting" });
  await expect(reporting.filter({ hasText: "Schlüssel widerrufen" })).toHaveCount(1);
  await expect(reporting.filter({ hasText: "Schlüssel erstellt" })).toContainText("API-Schlüssel, Lesen");
});

test("creates an event key without a scope to choose: it sends events", async ({ page, request }) => {
  await page.goto("/en/settings/keys");
  await page.getByLabel("Name").fill("Host platform");
  await page.getByLabel("Type").selectOption("event");
  // One right, nothing to choose: the scope list is gone and no scope is sent.
  await expect(page.getByLabel("Scope")).toHaveCount(0);
  await expect(page.getByTestId("event-key-scope")).toHaveText("Send events");
  await page.getByRole("button", { name: "Create key" }).click();
  const token = await page.getByTestId("created-key").getByRole("textbox").inputValue();
  expect(token).toMatch(/^hks_evt_/);
  const row = page.getByTestId("key-row").filter({ hasText: "Host platform" });
  await expect(row).toContainText("Send events");

  // Past authentication and the scope check: only the (empty) data is refused.
  const response = await request.post("/api/internal/events", {
    headers: { authorization: `Bearer ${token}` },
    data: { trigger_element: "rsvp_answer", trigger: "create", data: {} },
  });
  expect(response.status(), await response.text()).toBe(422);
  await row.getByRole("button", { name: "Revoke Host platform" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("Revoked");
});

test("says in German that a key was created and revoked", async ({ page }) => {
  await page.goto("/de/settings/keys");
  await page.getByLabel("Name", { exact: true }).fill("Abgleich");
  await page.getByRole("button", { name: "Schlüssel erstellen" }).click();
  await expect(page.getByTestId("created-key")).toBeVisible();
  await expect(page.getByTestId("toast").filter({ hasText: "API-Schlüssel erstellt" })).toBeVisible();
  const row = page.getByTestId("key-row").filter({ hasText: "Abgleich" });
  await row.getByRole("button", { name: "Abgleich widerrufen" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Widerrufen" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "API-Schlüssel widerrufen" })).toBeVisible();
});
