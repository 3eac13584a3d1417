import { type Browser, expect, test } from "@playwright/test";
import { e2eEnv, editorAccount, otherWorkspaceOwner } from "./e2e-env.mjs";
import {
  catchAction,
  createWebhookWith,
  deleteWebhookWith,
  readWebhookWith,
  replayAction,
  signIn,
} from "./workspace-doors";

// Each role does what it may and nothing more, in the default workspace: the owner (this spec's saved
// session), an editor, and a viewer (the other workspace's owner, a viewer here; see serve.mjs). What the
// UI does not offer a role is also tried the hard way: the owner's own server action request, sent again
// with the other person's session.

async function sessionOf(browser: Browser, account: { email: string; password: string }) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page, account.email, account.password);
  // Sign-in lands on the overview; these tests start from the webhook list.
  await page.goto("/en/webhooks");
  return { context, page };
}

test("an editor manages webhooks, but not members, invites or keys", async ({ page, browser, request }) => {
  const hook = await createWebhookWith(request, e2eEnv.API_TOKEN, "Editor's hook");
  const editor = await sessionOf(browser, editorAccount);
  try {
    const header = editor.page.getByRole("navigation");
    await expect(header.getByText(editorAccount.email)).toBeVisible();
    await expect(header.getByRole("link", { name: "Settings" })).toHaveCount(0);
    for (const section of ["members", "keys", "audit"]) {
      const response = await editor.page.goto(`/en/settings/${section}`);
      await expect(editor.page.getByTestId("owners-only")).toBeVisible();
      expect(await response?.text()).not.toContain(e2eEnv.ADMIN_EMAIL);
    }

    // Webhooks are theirs to change: switch off, rename.
    await editor.page.goto("/en/webhooks");
    await editor.page.getByRole("switch", { name: "Active: Editor's hook" }).click();
    await expect
      .poll(async () => (await readWebhookWith(request, e2eEnv.API_TOKEN, hook.id)).body?.active)
      .toBe(false);
    await editor.page.goto(`/en/webhooks/${hook.id}`);
    await expect(editor.page.getByRole("textbox", { name: "Name", exact: true })).toBeEnabled();
    await expect(editor.page.getByRole("region", { name: "Preview" })).toContainText("Hooksmith/");
    await editor.page.getByRole("textbox", { name: "Name", exact: true }).fill("Editor's hook, renamed");
    await editor.page.getByRole("button", { name: "Save webhook" }).click();
    await expect
      .poll(async () => (await readWebhookWith(request, e2eEnv.API_TOKEN, hook.id)).body?.name)
      .toBe("Editor's hook, renamed");

    // The owner's "create invite link" request, sent with the editor's session, makes no invite.
    await page.goto("/en/settings/members");
    await page.getByLabel("Role", { exact: true }).selectOption({ label: "Editor" });
    const invite = await catchAction(page, () =>
      page.getByRole("button", { name: "Create invite link" }).click(),
    );
    await expect(page.getByLabel("Invite link")).toHaveValue(/\/invite\/hki_/);
    expect(await replayAction(editor.context, invite)).not.toMatch(/hki_/);
    await page.reload();
    const editorInvites = page.getByRole("listitem").filter({ hasText: "Editor" });
    await expect(editorInvites).toHaveCount(1);
    // The control: the same request sent again with the owner's session does make one.
    expect(await replayAction(page.context(), invite)).toMatch(/hki_/);
    await page.reload();
    await expect(editorInvites).toHaveCount(2);
    // Leave no open editor invite behind for the other specs.
    for (const left of [1, 0]) {
      await editorInvites.first().getByRole("button", { name: "Withdraw" }).click();
      await page.getByRole("alertdialog").getByRole("button", { name: "Withdraw" }).click();
      // (An open dialog hides the list from role queries: wait for it to close before counting.)
      await expect(page.getByRole("alertdialog")).toBeHidden();
      await expect(editorInvites).toHaveCount(left);
    }
  } finally {
    await editor.context.close();
    await deleteWebhookWith(request, e2eEnv.API_TOKEN, hook.id);
  }
});

test("a viewer reads webhooks, and the owner's requests sent with their session change nothing", async ({
  page,
  browser,
  request,
}) => {
  const hook = await createWebhookWith(request, e2eEnv.API_TOKEN, "Viewed hook");
  const viewer = await sessionOf(browser, otherWorkspaceOwner);
  try {
    await expect(viewer.page.getByRole("switch", { name: "Active: Viewed hook" })).toBeDisabled();
    expect((await viewer.page.goto("/en/webhooks/new"))?.status()).toBe(404);

    // The owner switches the webhook off and on again, and renames it and back (over the API); the viewer
    // then sends the owner's "off" and "rename" requests with their own session.
    await page.goto("/en/webhooks");
    const toggle = page.getByRole("switch", { name: "Active: Viewed hook" });
    const switchOff = await catchAction(page, () => toggle.click());
    await expect(toggle).not.toBeChecked();
    await toggle.click();
    await expect(toggle).toBeChecked();
    // The switch shows the new state while its request runs: wait for the save itself, or the editor below
    // may load the webhook still off, and its save (which carries the whole form) would switch it off again.
    await expect
      .poll(async () => (await readWebhookWith(request, e2eEnv.API_TOKEN, hook.id)).body?.active)
      .toBe(true);
    await page.goto(`/en/webhooks/${hook.id}`);
    // The preview shows the request once the editor has hydrated: filling the name before then races the
    // form setting its fields, and the typed text lands after the old name ("Viewed hookRenamed…").
    await expect(page.getByRole("region", { name: "Preview" })).toContainText("Hooksmith/");
    await page.getByRole("textbox", { name: "Name", exact: true }).fill("Renamed by the owner");
    const rename = await catchAction(page, () => page.getByRole("button", { name: "Save webhook" }).click());
    const renameBack = await request.patch(`/api/v1/webhook/${hook.id}`, {
      headers: { authorization: `Bearer ${e2eEnv.API_TOKEN}` },
      data: { name: "Viewed hook" },
    });
    expect(renameBack.status()).toBe(200);

    await replayAction(viewer.context, switchOff);
    await replayAction(viewer.context, rename);
    expect((await readWebhookWith(request, e2eEnv.API_TOKEN, hook.id)).body).toMatchObject({
      name: "Viewed hook",
      active: true,
    });
    // The control: the same requests sent again with the owner's session do change it.
    // (The save carries the whole form, switched on: so it goes first.)
    await replayAction(page.context(), rename);
    await replayAction(page.context(), switchOff);
    expect((await readWebhookWith(request, e2eEnv.API_TOKEN, hook.id)).body).toMatchObject({
      name: "Renamed by the owner",
      active: false,
    });
  } finally {
    await viewer.context.close();
    await deleteWebhookWith(request, e2eEnv.API_TOKEN, hook.id);
  }
});
