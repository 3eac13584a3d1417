import { expect, type Locator, type Page } from "@playwright/test";

// The header's menus (Radix DropdownMenu, loaded right after the page is interactive: a click waits for its
// button to be enabled). An open menu hides the rest of the page from the accessibility tree, so its items
// are found on the page, not inside the navigation.

export function workspaceButton(page: Page): Locator {
  return page.getByRole("navigation").getByRole("button", { name: /^Workspace: / });
}

export function accountButton(page: Page): Locator {
  return page.getByRole("navigation").getByRole("button", { name: /^(Account|Konto): / });
}

export async function openWorkspaceMenu(page: Page): Promise<Locator> {
  await workspaceButton(page).click();
  const menu = page.getByRole("menu");
  await expect(menu).toBeVisible();
  return menu;
}

export async function openAccountMenu(page: Page): Promise<Locator> {
  await accountButton(page).click();
  const menu = page.getByRole("menu");
  await expect(menu).toBeVisible();
  return menu;
}

/** Switches to the workspace of that name through the header's menu. */
export async function switchWorkspace(page: Page, name: string): Promise<void> {
  const menu = await openWorkspaceMenu(page);
  await menu.getByRole("menuitemradio", { name, exact: true }).click();
  await expect(workspaceButton(page)).toHaveAccessibleName(`Workspace: ${name}`);
}

/** Signs out through the account menu ("Sign out" or "Abmelden"). */
export async function signOut(page: Page, label: string): Promise<void> {
  const menu = await openAccountMenu(page);
  await menu.getByRole("menuitem", { name: label, exact: true }).click();
}
