import { expect, type Page, test } from "@playwright/test";
import { type RunningApp, startApp } from "../helpers/app-process.mjs";
import { expectNoSeriousViolations } from "./axe";
import { e2eEnv } from "./e2e-env.mjs";
import { signOut } from "./header";

// A second app on a fresh database without ADMIN_EMAIL: nobody can sign in until the set-up page has
// created the owner. Its sign-in attempts stay away from the shared app's owner.
const { ADMIN_EMAIL: _email, ADMIN_PASSWORD: _password, ...freshEnv } = e2eEnv;
const owner = { email: "first.owner@e2e.example", password: "first-owner-password-93" };

let app: RunningApp;
test.describe.configure({ mode: "serial" });
test.use({ storageState: { cookies: [], origins: [] } });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  app = await startApp({ env: freshEnv });
});

test.afterAll(async () => {
  await app?.stop();
});

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("a fresh install leads to the set-up page, which creates the owner once (German)", async ({ page }) => {
  await page.goto(`${app.baseUrl}/`);
  await expect(page).toHaveURL(`${app.baseUrl}/en/setup`);
  await page.goto(`${app.baseUrl}/de/webhooks`);
  await expect(page).toHaveURL(`${app.baseUrl}/de/setup`);
  await expect(page.getByRole("heading", { name: "Hooksmith einrichten" })).toBeVisible();
  await expectNoSeriousViolations(page, "set-up (de, light)");
  await page.emulateMedia({ colorScheme: "dark" });
  await expectNoSeriousViolations(page, "set-up (de, dark)");
  await page.emulateMedia({ colorScheme: "light" });

  // No browser bubble in the browser's language: the page's own messages, in German.
  const email = page.getByLabel("E-Mail", { exact: true });
  const password = page.getByLabel("Passwort", { exact: true });
  const confirm = page.getByLabel("Passwort wiederholen", { exact: true });
  await page.getByRole("button", { name: "Eigentümer-Konto anlegen" }).click();
  await expect(email).toHaveAccessibleDescription("Gib eine gültige E-Mail-Adresse ein.");

  await email.fill(owner.email);
  await password.fill(owner.password);
  await confirm.fill("something-else-entirely");
  await page.getByRole("button", { name: "Eigentümer-Konto anlegen" }).click();
  await expect(confirm).toHaveAttribute("aria-invalid", "true");
  await expect(confirm).toHaveAccessibleDescription("Die Passwörter stimmen nicht überein.");
  // What was typed stays: only the repetition needs fixing.
  await expect(email).toHaveValue(owner.email);
  await expect(password).toHaveValue(owner.password);
  await expect(confirm).toHaveValue("something-else-entirely");

  await confirm.fill(owner.password);
  await page.getByRole("button", { name: "Eigentümer-Konto anlegen" }).click();
  // Signed in at once, as owner of the default workspace, on its overview.
  await expect(page).toHaveURL(`${app.baseUrl}/de/overview`);
  await expect(page.getByRole("heading", { level: 1, name: "Übersicht" })).toBeVisible();
  await expect(page.getByRole("navigation").getByText(owner.email)).toBeVisible();
  // The default workspace takes its name in the language set-up happened in.
  await page.goto(`${app.baseUrl}/de/settings/general`);
  await expect(page.getByLabel("Name des Workspaces")).toHaveValue("Standard-Workspace");

  // Set-up happens once: afterwards the page only leads on (here, signed in, to the overview).
  await page.goto(`${app.baseUrl}/de/setup`);
  await expect(page).toHaveURL(`${app.baseUrl}/de/overview`);
  await signOut(page, "Abmelden");
  await expect(page).toHaveURL(`${app.baseUrl}/de/sign-in`);
  await page.goto(`${app.baseUrl}/de/setup`);
  await expect(page).toHaveURL(`${app.baseUrl}/de/sign-in`);
});

test("repeated wrong passwords close sign-in to that account for a while", async ({ page }) => {
  await page.goto(`${app.baseUrl}/en/sign-in`);
  for (let attempt = 1; attempt <= 5; attempt++) {
    await signIn(page, owner.email, `wrong-password-${attempt}`);
    await expect(page.getByTestId("auth-error")).toHaveText("Wrong email or password.");
    // Each attempt's answer replaces the last one's message: wait for the button to be ready again.
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
  }
  // Now even the right password waits: the account is throttled, whatever address the tries come from.
  const answer = page.waitForResponse((response) => response.url().endsWith("/api/auth/sign-in/email"));
  await signIn(page, owner.email, owner.password);
  expect((await answer).status()).toBe(429);
  await expect(page.getByTestId("auth-error")).toHaveText(
    /^Too many failed sign-in attempts\. Try again in (29|30) seconds\.$/,
  );
  await expect(page).toHaveURL(`${app.baseUrl}/en/sign-in`);
});

test("Better Auth's per-address limit answers 429 after 20 sign-in attempts a minute", async ({
  playwright,
}) => {
  // Its own address (X-Forwarded-For, which Next passes on without a proxy), so other tests keep theirs.
  const client = await playwright.request.newContext({
    baseURL: app.baseUrl,
    extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.77", Origin: app.baseUrl },
  });
  try {
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= 21; attempt++) {
      const response = await client.post("/api/auth/sign-in/email", {
        data: { email: `probe-${attempt}@e2e.example`, password: "wrong-password-0" },
      });
      statuses.push(response.status());
    }
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses[20]).toBe(429);
  } finally {
    await client.dispose();
  }
});
