import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { e2eEnv, otherWorkspaceFileFor, otherWorkspaceOwner } from "./e2e-env.mjs";
import { openWorkspaceMenu, switchWorkspace, workspaceButton } from "./header";
import {
  createWebhookWith as createWebhook,
  credential,
  deleteWebhookWith,
  readWebhookWith as readWebhook,
  signIn,
} from "./workspace-doors";

// Two workspaces: the default one, whose owner is this spec's saved session, and "Other team", which the
// admin CLI set up before the app started (serve.mjs), with its own owner and keys. Nothing of one may be
// reached from the other: not by page URL, not by a forged workspace cookie, not through a server action.

type OtherWorkspace = { workspaceId: string; apiKey: string; eventKey: string };
/** The other workspace of this spec's lane (each lane's app has its own; see playwright.config.ts). */
function other(): OtherWorkspace {
  const { port } = new URL(test.info().project.use.baseURL ?? "");
  return JSON.parse(readFileSync(otherWorkspaceFileFor(port), "utf8"));
}

/**
 * Sends every server action this page calls with `fromId` replaced by `toId`: the request a member
 * would forge to act on another workspace's webhook through their own page. Returns the list of the
 * rewritten requests the app has answered (so a check after them sees what the action did).
 */
async function redirectActions(page: Page, fromId: string, toId: string) {
  const answered: string[] = [];
  await page.route("**/*", async (route) => {
    const request = route.request();
    const body = request.postData();
    if (request.method() !== "POST" || !request.headers()["next-action"] || !body?.includes(fromId)) {
      return route.continue();
    }
    const response = await route.fetch({ postData: body.replaceAll(fromId, toId) });
    answered.push(request.url());
    await route.fulfill({ response });
  });
  return answered;
}

test("a member of one workspace finds nothing of another's by page URL or workspace cookie", async ({
  page,
  context,
  baseURL,
  request,
  browser,
}) => {
  const { workspaceId, apiKey } = other();
  const theirs = await createWebhook(request, apiKey, "Other team's hook");
  const ours = await createWebhook(request, e2eEnv.API_TOKEN, "Our hook");
  try {
    for (const path of [`/en/webhooks/${theirs.id}`, `/en/webhooks/${theirs.id}/deliveries`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      const html = (await response?.text()) ?? "";
      expect(html).not.toContain("Other team");
      expect(html).not.toContain(credential);
      expect(html).not.toContain(theirs.secret);
    }
    await page.goto("/en/webhooks");
    await expect(page.getByRole("link", { name: "Our hook", exact: true })).toBeVisible();
    await expect(page.getByText("Other team's hook")).toHaveCount(0);

    // The workspace cookie is only a choice among one's own workspaces: pointing it at another is ignored.
    await context.addCookies([{ name: "hooksmith-workspace", value: workspaceId, url: baseURL ?? "" }]);
    expect((await page.goto(`/en/webhooks/${theirs.id}`))?.status()).toBe(404);
    await page.goto("/en/webhooks");
    await expect(page.getByRole("link", { name: "Our hook", exact: true })).toBeVisible();
    await expect(page.getByText("Other team's hook")).toHaveCount(0);
    await expect(workspaceButton(page)).toHaveAccessibleName("Workspace: Default");
    const menu = await openWorkspaceMenu(page);
    await expect(menu.getByRole("menuitemradio", { name: "Default", exact: true })).toBeVisible();
    await expect(menu.getByRole("menuitemradio", { name: "Other team" })).toHaveCount(0);
    await page.keyboard.press("Escape");

    // The other owner is also a viewer in the default workspace: they switch between the two, and what
    // they see and may do follows the workspace they are in.
    const otherContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    try {
      const theirPage = await otherContext.newPage();
      await signIn(theirPage, otherWorkspaceOwner.email, otherWorkspaceOwner.password);
      await theirPage.goto("/en/webhooks");
      await expect(workspaceButton(theirPage)).toHaveAccessibleName("Workspace: Default");
      await expect(theirPage.getByRole("switch", { name: "Active: Our hook" })).toBeDisabled();
      await expect(theirPage.getByText("Other team's hook")).toHaveCount(0);
      expect((await theirPage.goto(`/en/webhooks/${theirs.id}`))?.status()).toBe(404);

      await theirPage.goto("/en/webhooks");
      await switchWorkspace(theirPage, "Other team");
      await expect(theirPage.getByRole("switch", { name: "Active: Other team's hook" })).toBeEnabled();
      await expect(theirPage.getByText("Our hook")).toHaveCount(0);
      expect((await theirPage.goto(`/en/webhooks/${ours.id}`))?.status()).toBe(404);
    } finally {
      await otherContext.close();
    }
  } finally {
    await deleteWebhookWith(request, e2eEnv.API_TOKEN, ours.id);
    await deleteWebhookWith(request, apiKey, theirs.id);
  }
});

test("server actions given another workspace's webhook change nothing there", async ({ page, request }) => {
  const { apiKey } = other();
  const theirs = await createWebhook(request, apiKey, "Other team's hook");
  const ours = await createWebhook(request, e2eEnv.API_TOKEN, "Our hook");
  const theirsNow = async () => (await readWebhook(request, apiKey, theirs.id)).body;
  try {
    const rewritten = await redirectActions(page, ours.id, theirs.id);

    // Switch off, from the list.
    await page.goto("/en/webhooks");
    await page.getByRole("switch", { name: "Active: Our hook" }).click();
    await expect.poll(() => rewritten.length).toBe(1);

    // Save a new name, from the editor.
    await page.goto(`/en/webhooks/${ours.id}`);
    // Once the preview shows the request the editor has hydrated: filling the name earlier races the form.
    await expect(page.getByRole("region", { name: "Preview" })).toContainText("Hooksmith/");
    await page.getByRole("textbox", { name: "Name", exact: true }).fill("Renamed by the other team");
    await page.getByRole("button", { name: "Save webhook" }).click();
    await expect.poll(() => rewritten.length).toBe(2);

    // Rotate the signing secret.
    const secretCard = page.getByRole("region", { name: "Signing secret" });
    await secretCard.getByRole("button", { name: "Rotate secret" }).click();
    const rotateDialog = page.getByRole("alertdialog", { name: "Rotate the signing secret?" });
    await rotateDialog.getByRole("button", { name: "Rotate secret" }).click();
    await expect.poll(() => rewritten.length).toBe(3);

    // Delete, from the list.
    await page.goto("/en/webhooks");
    await page.getByRole("button", { name: "Delete Our hook", exact: true }).click();
    const deleteDialog = page.getByRole("alertdialog", { name: "Delete this webhook?" });
    await deleteDialog.getByRole("button", { name: "Delete webhook", exact: true }).click();
    await expect.poll(() => rewritten.length).toBe(4);

    // Every action reached the app with the other workspace's id, and none touched that webhook.
    expect(await theirsNow()).toMatchObject({
      name: "Other team's hook",
      active: true,
      secret: theirs.secret,
      header: [{ key: "Authorization", value: credential }],
    });
    // Nor, aimed elsewhere, ours.
    expect((await readWebhook(request, e2eEnv.API_TOKEN, ours.id)).body).toMatchObject({
      name: "Our hook",
      active: true,
      secret: ours.secret,
    });
  } finally {
    await page.unrouteAll({ behavior: "ignoreErrors" });
    await deleteWebhookWith(request, e2eEnv.API_TOKEN, ours.id);
    await deleteWebhookWith(request, apiKey, theirs.id);
  }
});
