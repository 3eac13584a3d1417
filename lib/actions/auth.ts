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

/** The set-up page: creates the first owner and signs them in; only while no user exists. */
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
  return redirect({ href: "/webhooks", locale });
}

export async function signOutAction(): Promise<void> {
  const locale = await requestLocale();
  const auth = await getAuth();
  await auth.api.signOut({ headers: await headers() });
  redirect({ href: "/sign-in", locale });
}

/** Makes another of the user's workspaces the active one; ignored for a workspace they are not in. */
export async function switchWorkspaceAction(workspaceId: unknown): Promise<void> {
  const locale = await requestLocale();
  const user = await currentUser();
  if (!user) return redirect({ href: "/sign-in", locale });
  const workspaces = await workspacesOf(await getDb(), user.id);
  const workspace = workspaces.find((candidate) => candidate.id === workspaceId);
  if (workspace) await chooseWorkspace(workspace.id);
  // The page shown may belong to the workspace left behind: start on the new one's list.
  redirect({ href: "/webhooks", locale });
}
