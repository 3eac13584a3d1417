"use server";

import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { type AccountFormState, parseAccountForm } from "@/lib/auth/account-form";
import { getAuth } from "@/lib/auth/auth";
import { currentUser, signInWithPassword } from "@/lib/auth/session";
import { createFirstOwner } from "@/lib/auth/setup";
import { chooseWorkspace } from "@/lib/auth/workspace-cookie";
import { getDb } from "@/lib/db";
import { redirect } from "@/lib/i18n/navigation";
import { requestLocale } from "@/lib/i18n/request-locale";
import { workspacesOf } from "@/lib/workspaces/workspaces";

// Every exported function here is a public endpoint: each checks its input and who calls it.

/**
 * The set-up page: creates the first owner and signs them in; only while no user exists. Not an
 * ActionResult: the form works without JavaScript (useActionState), so its state gives the email back to the
 * page the browser reloads; an ActionResult has no room for it.
 */
export async function setUpAction(
  _previous: AccountFormState,
  formData: FormData,
): Promise<AccountFormState> {
  const form = parseAccountForm(formData);
  if (!form.ok) return form.state;
  const locale = await requestLocale();
  const t = await getTranslations({ locale, namespace: "Auth.setup" });
  const owner = await createFirstOwner(await getDb(), form.value, t("defaultWorkspaceName"));
  // Someone else finished set-up first: this form creates nothing, the person signs in as usual.
  if (!owner) return redirect({ href: "/sign-in", locale });
  await signInWithPassword(form.value.email, form.value.password);
  return redirect({ href: "/overview", locale });
}

// Signing out and switching always answer with a redirect, so they return no ActionResult.

export async function signOutAction(): Promise<never> {
  const locale = await requestLocale();
  const auth = await getAuth();
  await auth.api.signOut({ headers: await headers() });
  return redirect({ href: "/sign-in", locale });
}

/** Makes another of the user's workspaces the active one; ignored for a workspace they are not in. */
export async function switchWorkspaceAction(workspaceId: unknown): Promise<never> {
  const locale = await requestLocale();
  const user = await currentUser();
  if (!user) return redirect({ href: "/sign-in", locale });
  const workspaces = await workspacesOf(await getDb(), user.id);
  const workspace = workspaces.find((candidate) => candidate.id === workspaceId);
  if (workspace) await chooseWorkspace(workspace.id);
  // The page shown may belong to the workspace left behind: start on the new one's list.
  return redirect({ href: "/webhooks", locale });
}
