"use server";

import { createUserWithPassword, UserExistsError } from "@/lib/accounts/users";
import { type AccountFormState, parseAccountForm } from "@/lib/auth/account-form";
import { currentUser, signInWithPassword } from "@/lib/auth/session";
import { chooseWorkspace } from "@/lib/auth/workspace-cookie";
import { getDb } from "@/lib/db";
import { redirect } from "@/lib/i18n/navigation";
import { requestLocale } from "@/lib/i18n/request-locale";
import { acceptInvite } from "@/lib/workspaces/invites";
import { type ActionResult, failed } from "./result";

// Invite links: join with the account you are signed in with, or create one through the link (the only
// way besides set-up, ADMIN_EMAIL and the CLI). Public endpoints: the token is checked by acceptInvite.

class InviteInvalidError extends Error {}

/** The signed-in user joins the invite's workspace, which becomes their active one; success redirects. */
export async function acceptInviteAction(
  token: string,
  _previous: ActionResult<never, "invite_invalid"> | null,
): Promise<ActionResult<never, "invite_invalid">> {
  const locale = await requestLocale();
  const user = await currentUser();
  if (!user) return redirect({ href: "/sign-in", locale });
  const accepted = await acceptInvite(await getDb(), String(token), user);
  if (!accepted) return failed("invite_invalid");
  await chooseWorkspace(accepted.workspaceId);
  return redirect({ href: "/webhooks", locale });
}

/**
 * Creates an account through the invite and signs it in; nothing is created when the invite is not valid.
 * Not an ActionResult: the form works without JavaScript (useActionState), so its state gives the email
 * back to the page the browser reloads; an ActionResult has no room for it.
 */
export async function joinWithInviteAction(
  token: string,
  _previous: AccountFormState,
  formData: FormData,
): Promise<AccountFormState> {
  const form = parseAccountForm(formData);
  if (!form.ok) return form.state;
  const locale = await requestLocale();
  const db = await getDb();
  let workspaceId: string;
  try {
    workspaceId = await db.transaction(async (tx) => {
      const user = await createUserWithPassword(tx, form.value);
      const accepted = await acceptInvite(tx, String(token), user);
      if (!accepted) throw new InviteInvalidError();
      return accepted.workspaceId;
    });
  } catch (error) {
    if (error instanceof UserExistsError) return { errors: { email: "userExists" }, email: form.value.email };
    if (error instanceof InviteInvalidError) return { formError: "inviteInvalid", email: form.value.email };
    throw error;
  }
  await signInWithPassword(form.value.email, form.value.password);
  await chooseWorkspace(workspaceId);
  return redirect({ href: "/webhooks", locale });
}
