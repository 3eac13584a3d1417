import { expect, test } from "@playwright/test";
import { e2eEnv } from "./e2e-env.mjs";

// The owner (this spec's saved session) makes an invite link; a newcomer opens it signed out, creates an
// account through it and works in the owner's workspace with the invited role. The link works once.
test("an invite link creates an account that joins the workspace, once", async ({ page, browser }) => {
  await page.goto("/en/settings/members");
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Viewer" });
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = await page.getByLabel("Invite link").inputValue();
  expect(link).toMatch(/\/en\/invite\/hki_[\w-]+$/);
  const invitePath = new URL(link).pathname.replace("/en/", "/de/");

  const newcomer = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  try {
    const invited = await newcomer.newPage();
    await invited.goto(invitePath);
    await expect(invited.getByRole("heading", { name: "Einem Workspace beitreten" })).toBeVisible();
    // Which workspace, and with which role.
    await expect(
      invited.getByText("Du wurdest als Betrachter in den Workspace „Default“ eingeladen."),
    ).toBeVisible();
    // Passwords that differ: the page says so in German and keeps what was typed.
    await invited.getByLabel("E-Mail", { exact: true }).fill("viewer@e2e.example");
    await invited.getByLabel("Passwort", { exact: true }).fill("viewer-password-5512");
    await invited.getByLabel("Passwort wiederholen", { exact: true }).fill("viewer-password-5521");
    await invited.getByRole("button", { name: "Konto anlegen und beitreten" }).click();
    await expect(invited.getByLabel("Passwort wiederholen", { exact: true })).toHaveAccessibleDescription(
      "Die Passwörter stimmen nicht überein.",
    );
    await expect(invited.getByLabel("E-Mail", { exact: true })).toHaveValue("viewer@e2e.example");
    await expect(invited.getByLabel("Passwort", { exact: true })).toHaveValue("viewer-password-5512");
    await expect(invited.getByLabel("Passwort wiederholen", { exact: true })).toHaveValue(
      "viewer-password-5521",
    );
    // An email that has an account already cannot be taken over through a link.
    await invited.getByLabel("E-Mail", { exact: true }).fill(e2eEnv.ADMIN_EMAIL);
    await invited.getByLabel("Passwort", { exact: true }).fill("viewer-password-5512");
    await invited.getByLabel("Passwort wiederholen", { exact: true }).fill("viewer-password-5512");
    await invited.getByRole("button", { name: "Konto anlegen und beitreten" }).click();
    await expect(invited.getByLabel("E-Mail", { exact: true })).toHaveAccessibleDescription(
      "Zu dieser E-Mail gibt es schon ein Konto. Melde dich an, um damit beizutreten.",
    );

    await invited.getByLabel("E-Mail", { exact: true }).fill("viewer@e2e.example");
    await invited.getByLabel("Passwort", { exact: true }).fill("viewer-password-5512");
    await invited.getByLabel("Passwort wiederholen", { exact: true }).fill("viewer-password-5512");
    await invited.getByRole("button", { name: "Konto anlegen und beitreten" }).click();
    await expect(invited).toHaveURL(/\/de\/webhooks$/);
    const header = invited.getByRole("navigation");
    await expect(header.getByText("viewer@e2e.example")).toBeVisible();
    // A viewer has no owner settings.
    await expect(header.getByRole("link", { name: "Einstellungen" })).toHaveCount(0);

    // A viewer looks but does not touch: no new webhook, no switch to flip, no delete, a read-only editor,
    // and no credential in the page at all.
    const created = await page.request.post("/api/v1/webhook", {
      headers: { authorization: `Bearer ${e2eEnv.API_TOKEN}` },
      data: {
        name: "Für Betrachter",
        payload_url: "https://crm.example.com/hooks",
        trigger_element: "rsvp_answer",
        trigger: "create",
        header: [{ key: "Authorization", value: "Bearer crm-credential-0451" }],
      },
    });
    expect(created.status()).toBe(201);
    const { id, secret } = (await created.json()) as { id: string; secret: string };
    await invited.reload();
    const row = invited.getByRole("row").filter({ hasText: "Für Betrachter" });
    await expect(row.getByRole("switch")).toBeDisabled();
    await expect(row.getByRole("button", { name: /löschen/i })).toHaveCount(0);
    await expect(invited.getByRole("link", { name: "Neuer Webhook" })).toHaveCount(0);
    const editor = await invited.goto(`/de/webhooks/${id}`);
    const html = (await editor?.text()) ?? "";
    expect(html).not.toContain("crm-credential-0451");
    expect(html).not.toContain(secret);
    await expect(invited.getByTestId("read-only")).toBeVisible();
    await expect(invited.getByLabel("Name", { exact: true })).toBeDisabled();
    await expect(invited.getByRole("button", { name: /speichern/i })).toHaveCount(0);
    expect((await invited.goto("/de/webhooks/new"))?.status()).toBe(404);
    await page.request.delete(`/api/v1/webhook/${id}`, {
      headers: { authorization: `Bearer ${e2eEnv.API_TOKEN}` },
    });

    // Used up: signed in now, the same link only says so.
    await invited.goto(invitePath);
    await invited.getByRole("button", { name: "Workspace beitreten" }).click();
    await expect(invited.getByTestId("auth-error")).toHaveText(
      "Dieser Einladungslink gilt nicht: Er wurde schon benutzt, ist abgelaufen oder wurde zurückgezogen.",
    );
  } finally {
    await newcomer.close();
  }

  // The owner sees the new member in the workspace.
  await page.reload();
  await expect(page.getByRole("cell", { name: "viewer@e2e.example", exact: true })).toBeVisible();
});
