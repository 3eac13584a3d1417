import { expect, type Page, test } from "@playwright/test";
import { e2eEnv } from "./e2e-env.mjs";
import { openWorkspaceMenu, switchWorkspace, workspaceButton } from "./header";

// The owner (this spec's saved session) starts a second workspace from the header, renames it in
// Settings and switches back. The workspace cookie lives in this test's browser context only, so the
// other specs still start in the default workspace (the oldest of the owner's).

const apiHeaders = { authorization: `Bearer ${e2eEnv.API_TOKEN}` };

/**
 * Sends the next create-workspace server action with `from` replaced by `to` in its body: input the
 * browser's own check would have stopped, as a hand-made request could send it. Returns what it rewrote.
 */
async function rewriteActions(page: Page, from: string, to: string) {
  const rewritten: string[] = [];
  await page.route("**/workspaces/new", async (route) => {
    const request = route.request();
    const body = request.postData();
    if (request.method() !== "POST" || !request.headers()["next-action"] || !body?.includes(from)) {
      return route.continue();
    }
    rewritten.push(body);
    await route.continue({ postData: body.replaceAll(from, to) });
  });
  return rewritten;
}

test("a bad workspace name is refused at the field and creates nothing (German)", async ({ page }) => {
  await page.goto("/de/webhooks");
  const menu = await openWorkspaceMenu(page);
  await menu.getByRole("menuitem", { name: "Neuer Workspace" }).click();
  await expect(page).toHaveURL(/\/de\/workspaces\/new$/);
  await expect(page.getByRole("heading", { name: "Workspace anlegen" })).toBeVisible();
  const name = page.getByRole("textbox", { name: "Name des Workspaces" });
  const submit = page.getByRole("button", { name: "Workspace anlegen" });

  // The browser checks with the shared schema first.
  await name.fill("   ");
  await submit.click();
  await expect(page.getByText("Gib einen Namen ein.")).toBeVisible();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await name.fill("x".repeat(101));
  await submit.click();
  await expect(page.getByText("Der Name darf höchstens 100 Zeichen lang sein.")).toBeVisible();

  // The server checks again: a direction override slipped past the browser is refused there, in German.
  const rewritten = await rewriteActions(page, "Sneaky team", "Sneaky \\u202Emaet");
  await name.fill("Sneaky team");
  await submit.click();
  await expect(page.getByText(/Dieser Text enthält Steuerzeichen oder unsichtbare Zeichen/)).toBeVisible();
  expect(rewritten).toHaveLength(1);
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/de\/workspaces\/new$/);
  await page.unrouteAll({ behavior: "ignoreErrors" });

  // Nothing was created: the header knows no such workspace.
  await page.goto("/de/webhooks");
  const nav = page.getByRole("navigation", { name: "Hauptnavigation" });
  await expect(nav.getByText(/Sneaky/)).toHaveCount(0);
  const workspaces = await openWorkspaceMenu(page);
  await expect(workspaces.getByRole("menuitemradio").first()).toBeVisible();
  await expect(workspaces.getByRole("menuitemradio", { name: /Sneaky/ })).toHaveCount(0);
});

test("creates a workspace from the header, renames it in Settings and switches back (English)", async ({
  page,
  request,
}) => {
  // A webhook in the default workspace: the new workspace's list must not show it.
  const created = await request.post("/api/v1/webhook", {
    headers: apiHeaders,
    data: {
      name: "Default team's hook",
      payload_url: "https://crm.example.com/hooks",
      trigger_element: "rsvp_answer",
      trigger: "create",
    },
  });
  expect(created.status()).toBe(201);
  const hook = (await created.json()) as { id: string };
  try {
    await page.goto("/en/webhooks");
    const nav = page.getByRole("navigation", { name: "Main navigation" });
    await expect(page.getByRole("link", { name: "Default team's hook", exact: true })).toBeVisible();
    await (await openWorkspaceMenu(page)).getByRole("menuitem", { name: "New workspace" }).click();
    await expect(page).toHaveURL(/\/en\/workspaces\/new$/);
    await page.getByRole("textbox", { name: "Workspace name" }).fill("  Events team  ");
    await page.getByRole("button", { name: "Create workspace" }).click();

    // The new workspace is the active one: its list is empty, the switcher holds both.
    await expect(page).toHaveURL(/\/en\/webhooks$/);
    await expect(page.getByRole("heading", { name: "No webhooks yet" })).toBeVisible();
    await expect(page.getByText("Default team's hook")).toHaveCount(0);
    await expect(workspaceButton(page)).toHaveAccessibleName("Workspace: Events team");
    const menu = await openWorkspaceMenu(page);
    await expect(menu.getByRole("menuitemradio", { checked: true })).toHaveText("Events team");
    await expect(menu.getByRole("menuitemradio")).toHaveText(["Default", "Events team"]);
    await page.keyboard.press("Escape");
    await expect(menu).toBeHidden();

    // Its owner renames it in Settings; the header follows.
    await nav.getByRole("link", { name: "Settings" }).click();
    await expect(page).toHaveURL(/\/en\/settings\/general$/);
    const name = page.getByRole("textbox", { name: "Workspace name" });
    await expect(name).toHaveValue("Events team");
    await name.fill("");
    await page.getByRole("button", { name: "Save name" }).click();
    await expect(page.getByText("Enter a name.")).toBeVisible();
    await name.fill("Events & RSVPs");
    await page.getByRole("button", { name: "Save name" }).click();
    await expect(page.getByTestId("workspace-name-status")).toHaveText("Name saved.");
    await expect(workspaceButton(page)).toHaveAccessibleName("Workspace: Events & RSVPs");

    // The audit log of the new workspace has both steps, by the owner.
    await page.getByRole("link", { name: "Audit log" }).click();
    await expect(page).toHaveURL(/\/en\/settings\/audit$/);
    const entries = page.getByTestId("audit-row");
    await expect(entries).toHaveCount(2);
    const renamed = entries.filter({ hasText: "Renamed workspace" });
    await expect(renamed).toContainText("“Events team” → “Events & RSVPs”");
    await expect(renamed).toContainText(e2eEnv.ADMIN_EMAIL);
    await expect(entries.filter({ hasText: "Created workspace" })).toContainText(
      `Owner: ${e2eEnv.ADMIN_EMAIL}`,
    );

    // Back to the default workspace, where the other specs work.
    await switchWorkspace(page, "Default");
    await expect(page).toHaveURL(/\/en\/webhooks$/);
    await expect(page.getByRole("link", { name: "Default team's hook", exact: true })).toBeVisible();
  } finally {
    await request.delete(`/api/v1/webhook/${hook.id}`, { headers: apiHeaders });
  }
});

test("someone removed from every workspace starts their own from the no-workspace page", async ({
  page,
  browser,
}) => {
  // A newcomer joins the default workspace through an invite, and its owner removes them again.
  await page.goto("/en/settings/members");
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Editor" });
  await page.getByRole("button", { name: "Create invite link" }).click();
  const invitePath = new URL(await page.getByLabel("Invite link").inputValue()).pathname;
  const email = "starter@e2e.example";
  const newcomer = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  try {
    const theirs = await newcomer.newPage();
    await theirs.goto(invitePath);
    await theirs.getByLabel("Email", { exact: true }).fill(email);
    await theirs.getByLabel("Password", { exact: true }).fill("starter-password-2291");
    await theirs.getByLabel("Repeat password", { exact: true }).fill("starter-password-2291");
    await theirs.getByRole("button", { name: "Create account and join" }).click();
    await expect(theirs).toHaveURL(/\/en\/webhooks$/);

    await page.reload();
    await page.getByRole("button", { name: `Remove ${email}`, exact: true }).click();
    const confirm = page.getByRole("alertdialog", { name: "Remove member?" });
    await confirm.getByRole("button", { name: "Remove" }).click();
    // The dialog closes once the action has run (while it is open, it hides the table from role queries).
    await expect(confirm).toBeHidden();
    await expect(page.getByRole("cell", { name: email, exact: true })).toHaveCount(0);

    await theirs.reload();
    await expect(theirs).toHaveURL(/\/en\/no-workspace$/);
    await theirs.getByRole("link", { name: "Create a workspace" }).click();
    await expect(theirs).toHaveURL(/\/en\/workspaces\/new$/);
    await theirs.getByRole("textbox", { name: "Workspace name" }).fill("Starter's own");
    await theirs.getByRole("button", { name: "Create workspace" }).click();
    await expect(theirs).toHaveURL(/\/en\/webhooks$/);
    await expect(theirs.getByRole("heading", { name: "No webhooks yet" })).toBeVisible();
    const nav = theirs.getByRole("navigation", { name: "Main navigation" });
    await expect(nav.getByText("Starter's own", { exact: true })).toBeVisible();
    // They own it: Settings are theirs.
    await nav.getByRole("link", { name: "Settings" }).click();
    await expect(theirs.getByRole("textbox", { name: "Workspace name" })).toHaveValue("Starter's own");
  } finally {
    await newcomer.close();
  }
});

test("pages through the audit log, newest first", async ({ page, request }) => {
  // 55 webhooks made and deleted over the API: 110 entries more than the ones before, over a page's 100.
  const authorization = { authorization: `Bearer ${e2eEnv.API_TOKEN}` };
  for (let n = 1; n <= 55; n++) {
    const created = await request.post("/api/v1/webhook", {
      headers: authorization,
      data: {
        name: `Audit filler ${n}`,
        payload_url: "https://example.com/audit",
        trigger_element: "rsvp_answer",
        trigger: "create",
      },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await request.delete(`/api/v1/webhook/${id}`, { headers: authorization })).status()).toBe(204);
  }

  await page.goto("/en/settings/audit");
  const rows = page.getByTestId("audit-row");
  await expect(rows).toHaveCount(100);
  await expect(rows.first()).toHaveText(/Deleted webhookAudit filler 55$/);
  await expect(page.getByRole("link", { name: "Newest" })).toHaveCount(0);
  await page.getByRole("link", { name: "Older entries" }).click();
  await expect(page).toHaveURL(/\/en\/settings\/audit\?before=[0-9a-f-]{36}$/);
  // A page holds 50 fillers' two entries each: the next page starts with the 5th one's deletion.
  await expect(rows.first()).toHaveText(/Deleted webhookAudit filler 5$/);
  await page.getByRole("link", { name: "Newest" }).click();
  await expect(page).toHaveURL(/\/en\/settings\/audit$/);
  await expect(rows.first()).toHaveText(/Deleted webhookAudit filler 55$/);
});
