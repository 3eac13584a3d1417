import { expect, test } from "@playwright/test";
import { e2eEnv } from "./e2e-env.mjs";

// A browser set to American English on German pages: dates are typed and shown the German way, and the
// forms answer in German, never with the browser's own (English) validation bubbles.
test.use({ locale: "en-US", timezoneId: "America/New_York" });

const suffix = Math.random().toString(36).slice(2, 8);

test("German pages take and show German dates and validate in German in an English browser", async ({
  page,
  browser,
}) => {
  // Four pages and three forms in one story: more than the default 90 s on a busy machine.
  test.setTimeout(180_000);
  // Sign-in: an empty form is not sent, and no bubble of the browser's opens.
  const guest = await browser.newContext({
    storageState: { cookies: [], origins: [] },
    locale: "en-US",
  });
  try {
    const signIn = await guest.newPage();
    await signIn.goto("/de/sign-in");
    await signIn.getByRole("button", { name: "Anmelden" }).click();
    await expect(signIn.getByLabel("E-Mail", { exact: true })).toHaveAccessibleDescription(
      "Gib eine gültige E-Mail-Adresse ein.",
    );
    await signIn.getByLabel("E-Mail", { exact: true }).fill(e2eEnv.ADMIN_EMAIL);
    await signIn.getByRole("button", { name: "Anmelden" }).click();
    await expect(signIn.getByLabel("Passwort", { exact: true })).toHaveAccessibleDescription(
      "Gib dein Passwort ein.",
    );
    await expect(signIn).toHaveURL(/\/de\/sign-in$/);
  } finally {
    await guest.close();
  }

  // The key form: a date typed as Germans write it, refused in German when it is none.
  await page.goto("/de/settings/keys");
  const name = `Ablauf ${suffix}`;
  const expires = page.getByLabel("Läuft ab am", { exact: true });
  await expect(expires).toHaveAttribute("placeholder", "TT.MM.JJJJ");
  // Not a native date picker, whose language and order would follow the browser.
  await expect(expires).toHaveAttribute("type", "text");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await expires.fill("12/31/2099");
  await page.getByRole("button", { name: "Schlüssel erstellen" }).click();
  await expect(expires).toHaveAccessibleDescription(/^Gib ein Datum im Format TT\.MM\.JJJJ ein\./);
  await expires.fill("01.02.2020");
  await page.getByRole("button", { name: "Schlüssel erstellen" }).click();
  await expect(expires).toHaveAccessibleDescription(/^Das Ablaufdatum muss heute oder später sein\./);
  await expires.fill("31.12.2099");
  await page.getByRole("button", { name: "Schlüssel erstellen" }).click();
  await expect(page.getByTestId("created-key")).toBeVisible();

  // Shown the German way: 31.12.2099 (the end of that day, UTC, in the app's time zone), and the creation
  // date in the same form.
  const row = page.getByTestId("key-row").filter({ hasText: name });
  // The cells by their column (each carries its header as data-label for the narrow-screen cards).
  await expect(row.locator('td[data-label="Läuft ab"]')).toHaveText(
    /^(31\.12\.2099|01\.01\.2100), \d\d:\d\d$/,
  );
  await expect(row.locator('td[data-label="Erstellt"]')).toHaveText(/^\d\d\.\d\d\.\d{4}, \d\d:\d\d$/);
  await row.getByRole("button", { name: `${name} widerrufen` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Widerrufen" }).click();
  await expect(row).toContainText("Widerrufen");

  // Members: "Mitglied seit" in German; the English page in English, in the same browser.
  await page.goto("/de/settings/members");
  const me = page.getByTestId("member-row").filter({ hasText: e2eEnv.ADMIN_EMAIL });
  await expect(me.getByRole("cell").nth(3)).toHaveText(/^\d\d\.\d\d\.\d{4}$/);
  await page.goto("/en/settings/members");
  await expect(me.getByRole("cell").nth(3)).toHaveText(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/);

  // The editor: an empty name and payload URL are refused in German.
  await page.goto("/de/webhooks/new");
  const form = page.getByRole("form", { name: "Neuer Webhook" });
  await form.getByRole("button", { name: "Webhook speichern" }).click();
  await expect(form.getByRole("textbox", { name: "Name", exact: true })).toHaveAttribute(
    "aria-invalid",
    "true",
  );
  await expect(form.getByRole("textbox", { name: "Name", exact: true })).toHaveAccessibleDescription(
    /^Gib einen Namen ein\./,
  );
  await expect(form.getByRole("textbox", { name: "Payload-URL", exact: true })).toHaveAccessibleDescription(
    /^Gib die Payload-URL ein\./,
  );
});
