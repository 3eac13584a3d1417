import { expect, test } from "@playwright/test";
import { e2eEnv } from "./e2e-env.mjs";
import { accountButton, openWorkspaceMenu, workspaceButton } from "./header";

// The header: the logo, the sections with the current one marked, and two menus (workspace, account) that
// work by keyboard and by mouse; on a phone the sections move into a menu of their own.

const texts = {
  en: {
    nav: "Main navigation",
    webhooks: "Webhooks",
    settings: "Settings",
    menu: "Menu",
    newWorkspace: "New workspace",
    language: "Deutsch",
  },
  de: {
    nav: "Hauptnavigation",
    webhooks: "Webhooks",
    settings: "Einstellungen",
    menu: "Menü",
    newWorkspace: "Neuer Workspace",
    language: "English",
  },
} as const;

for (const locale of ["en", "de"] as const) {
  const t = texts[locale];

  test(`marks the current section and opens its menus by keyboard (${locale})`, async ({ page }) => {
    await page.goto(`/${locale}/webhooks`);
    const nav = page.getByRole("navigation", { name: t.nav });
    await expect(nav.getByRole("link", { name: "Hooksmith" }).locator("img")).toBeVisible();
    await expect(nav.getByRole("link", { name: t.webhooks })).toHaveAttribute("aria-current", "page");
    await expect(nav.getByRole("link", { name: t.settings })).not.toHaveAttribute("aria-current");

    // The workspace menu: Enter opens it on its first item, End reaches "New workspace", Escape closes it
    // and gives the focus back to its button.
    const workspace = workspaceButton(page);
    await expect(workspace).toBeEnabled();
    await workspace.focus();
    await page.keyboard.press("Enter");
    const menu = page.getByRole("menu");
    await expect(menu).toBeVisible();
    await expect(menu.getByRole("menuitemradio").first()).toBeFocused();
    await expect(menu.getByRole("menuitemradio", { checked: true })).toHaveCount(1);
    await page.keyboard.press("End");
    await expect(menu.getByRole("menuitem", { name: t.newWorkspace })).toBeFocused();
    await page.keyboard.press("ArrowUp");
    await expect(menu.getByRole("menuitemradio").last()).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(menu).toBeHidden();
    await expect(workspace).toBeFocused();

    // The account menu: ArrowDown opens it; the other language is chosen with the arrows and Enter.
    const account = accountButton(page);
    await expect(account).toHaveAccessibleName(new RegExp(`: ${e2eEnv.ADMIN_EMAIL}$`));
    await account.focus();
    await page.keyboard.press("ArrowDown");
    await expect(menu).toBeVisible();
    await expect(menu.getByText(e2eEnv.ADMIN_EMAIL)).toBeVisible();
    const other = menu.getByRole("menuitemradio", { name: t.language });
    for (let step = 0; step < 5; step++) {
      if (await other.evaluate((item) => item === document.activeElement)) break;
      await page.keyboard.press("ArrowDown");
    }
    await expect(other).toBeFocused();
    await page.keyboard.press("Enter");
    const target = locale === "en" ? "de" : "en";
    await expect(page).toHaveURL(new RegExp(`/${target}/webhooks$`));
    await expect(page.locator("html")).toHaveAttribute("lang", target);
  });

  test(`the menus work by mouse, and on a phone the sections sit in a menu (${locale})`, async ({ page }) => {
    await page.goto(`/${locale}/settings/members`);
    const nav = page.getByRole("navigation", { name: t.nav });
    await expect(nav.getByRole("link", { name: t.settings })).toHaveAttribute("aria-current", "page");

    const menu = await openWorkspaceMenu(page);
    await menu.getByRole("menuitem", { name: t.newWorkspace }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/workspaces/new$`));

    // 390 px: the sections leave the row for the menu button, which lists them with the current one marked.
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(`/${locale}/webhooks`);
    await expect(nav.getByRole("link", { name: t.settings })).toBeHidden();
    await nav.getByRole("button", { name: t.menu }).click();
    const sections = page.getByRole("menu");
    await expect(sections.getByRole("menuitem", { name: t.webhooks })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await sections.getByRole("menuitem", { name: t.settings }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/settings/general$`));
    // The workspace and the account stay reachable, the email only in the button's name.
    await expect(workspaceButton(page)).toBeVisible();
    await expect(accountButton(page)).toHaveAccessibleName(new RegExp(`: ${e2eEnv.ADMIN_EMAIL}$`));
    // (Playwright counts a screen-reader-only 1 px box as visible: the class's effect is checked instead.)
    await expect(nav.getByText(e2eEnv.ADMIN_EMAIL)).toHaveCSS("position", "absolute");
  });
}
