import { expect, type Page, test } from "@playwright/test";
import { e2eEnv } from "./e2e-env.mjs";
import { signOut } from "./header";

// These start signed out (not from the owner's saved session) and sign in through the form.
test.use({ storageState: { cookies: [], origins: [] } });

type Texts = {
  locale: "en" | "de";
  title: string;
  email: string;
  password: string;
  submit: string;
  wrong: string;
  signOut: string;
  emptyHeading: string;
};

const english: Texts = {
  locale: "en",
  title: "Sign in to Hooksmith",
  email: "Email",
  password: "Password",
  submit: "Sign in",
  wrong: "Wrong email or password.",
  signOut: "Sign out",
  emptyHeading: "No webhooks yet",
};

const german: Texts = {
  locale: "de",
  title: "Bei Hooksmith anmelden",
  email: "E-Mail",
  password: "Passwort",
  submit: "Anmelden",
  wrong: "E-Mail oder Passwort ist falsch.",
  signOut: "Abmelden",
  emptyHeading: "Noch keine Webhooks",
};

async function submit(page: Page, texts: Texts, email: string, password: string) {
  await page.getByLabel(texts.email, { exact: true }).fill(email);
  await page.getByLabel(texts.password, { exact: true }).fill(password);
  await page.getByRole("button", { name: texts.submit, exact: true }).click();
}

for (const texts of [english, german]) {
  test(`signs in, refuses a wrong password and signs out (${texts.locale})`, async ({ page, context }) => {
    await page.goto(`/${texts.locale}/webhooks`);
    await expect(page).toHaveURL(new RegExp(`/${texts.locale}/sign-in\\?next=`));
    await expect(page.getByRole("heading", { name: texts.title })).toBeVisible();

    await submit(page, texts, e2eEnv.ADMIN_EMAIL, "not-the-password-123");
    await expect(page.getByTestId("auth-error")).toHaveText(texts.wrong);
    await expect(page).toHaveURL(/\/sign-in/);

    await submit(page, texts, e2eEnv.ADMIN_EMAIL, e2eEnv.ADMIN_PASSWORD);
    await expect(page).toHaveURL(new RegExp(`/${texts.locale}/webhooks$`));
    await expect(page.getByRole("heading", { name: texts.emptyHeading })).toBeVisible();
    await expect(page.getByRole("navigation").getByText(e2eEnv.ADMIN_EMAIL)).toBeVisible();

    // The session cookie: out of scripts' reach, not sent on cross-site requests, Secure only over https.
    const session = (await context.cookies()).find((cookie) => cookie.name.endsWith("session_token"));
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });

    await signOut(page, texts.signOut);
    await expect(page).toHaveURL(new RegExp(`/${texts.locale}/sign-in$`));
    await page.goto(`/${texts.locale}/webhooks/new`);
    await expect(page).toHaveURL(new RegExp(`/${texts.locale}/sign-in\\?next=`));
  });
}

test("a forged session cookie leads back to sign-in", async ({ page, context, baseURL }) => {
  await context.addCookies([
    { name: "better-auth.session_token", value: "forged.value", url: baseURL ?? "" },
  ]);
  await page.goto("/en/webhooks");
  await expect(page).toHaveURL(/\/en\/sign-in$/);
  await expect(page.getByRole("heading", { name: english.title })).toBeVisible();
});
