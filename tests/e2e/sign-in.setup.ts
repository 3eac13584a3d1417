import { expect, test as setup } from "@playwright/test";
import { e2eEnv } from "./e2e-env.mjs";
import { ownerStateFor } from "./session";

// Signs in once per lane as the owner the app seeded from ADMIN_EMAIL/ADMIN_PASSWORD; the other specs start with
// this browser state, so they begin signed in.
setup("sign in as the seeded owner", async ({ page, baseURL }) => {
  await page.goto("/en/webhooks");
  await expect(page).toHaveURL(/\/en\/sign-in\?next=%2Fen%2Fwebhooks$/);
  await page.getByLabel("Email").fill(e2eEnv.ADMIN_EMAIL);
  await page.getByLabel("Password").fill(e2eEnv.ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/en\/webhooks$/);
  await expect(page.getByText(e2eEnv.ADMIN_EMAIL)).toBeVisible();
  await page.context().storageState({ path: ownerStateFor(baseURL ?? "") });
});
