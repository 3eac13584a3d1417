"use server";

import { accessFor, currentAccess } from "@/lib/auth/access";
import { currentUser } from "@/lib/auth/session";
import { chooseWorkspace } from "@/lib/auth/workspace-cookie";
import { getDb } from "@/lib/db";
import { redirect } from "@/lib/i18n/navigation";
import { requestLocale } from "@/lib/i18n/request-locale";
import { validationTranslator } from "@/lib/i18n/translator";
import { isUuid } from "@/lib/ids";
import { type FieldIssue, toFieldIssues } from "@/lib/validation/issues";
import { createInvite, deleteInvite } from "@/lib/workspaces/invites";
import { changeMemberRole, type MemberChange, removeMember } from "@/lib/workspaces/members";
import { isRole, roleAllows } from "@/lib/workspaces/roles";
import { workspaceFormSchema } from "@/lib/workspaces/schema";
import { createWorkspace, renameWorkspace } from "@/lib/workspaces/workspaces";

// Public endpoints: every input checked here; all but creating a workspace are for owners only.

export type WorkspaceNameResult =
  | { ok: true }
  | { ok: false; error: "forbidden" | "stale" }
  | { ok: false; error: "validation_failed"; issues: FieldIssue[] };

/**
 * Any signed-in user may start a workspace of their own, as its owner; it becomes their active workspace
 * and they land on its (empty) webhook list.
 */
export async function createWorkspaceAction(input: unknown): Promise<WorkspaceNameResult> {
  const locale = await requestLocale();
  const user = await currentUser();
  if (!user) return redirect({ href: "/sign-in", locale });
  const parsed = workspaceFormSchema(validationTranslator(locale)).safeParse(input);
  if (!parsed.success) return { ok: false, error: "validation_failed", issues: toFieldIssues(parsed.error) };
  const actor = { kind: "user" as const, id: user.id, label: user.email };
  const workspace = await createWorkspace(await getDb(), { name: parsed.data.name, owner: user }, actor);
  await chooseWorkspace(workspace.id);
  return redirect({ href: "/webhooks", locale });
}

/**
 * Renames the active workspace; owners only. `workspaceId` is the workspace the form was shown for: if the
 * user has switched to another one since (in another tab), nothing is renamed.
 */
export async function renameWorkspaceAction(
  workspaceId: unknown,
  input: unknown,
): Promise<WorkspaceNameResult> {
  // Without a session (or any workspace) this redirects, which ends the action.
  const access = await currentAccess();
  if (workspaceId !== access.workspaceId) return { ok: false, error: "stale" };
  if (!roleAllows(access.role, "owner")) return { ok: false, error: "forbidden" };
  const parsed = workspaceFormSchema(validationTranslator(await requestLocale())).safeParse(input);
  if (!parsed.success) return { ok: false, error: "validation_failed", issues: toFieldIssues(parsed.error) };
  const renamed = await renameWorkspace(await getDb(), access, parsed.data.name);
  return renamed.ok ? { ok: true } : { ok: false, error: "stale" };
}

export async function changeMemberRoleAction(userId: string, role: string): Promise<MemberChange> {
  const access = await accessFor("owner");
  if (!access || !isUuid(userId) || !isRole(role)) return { ok: false, error: "not_found" };
  return changeMemberRole(await getDb(), access, userId, role);
}

export async function removeMemberAction(userId: string): Promise<MemberChange> {
  const access = await accessFor("owner");
  if (!access || !isUuid(userId)) return { ok: false, error: "not_found" };
  return removeMember(await getDb(), access, userId);
}

/** The new invite's token; the page builds the link from it. */
export async function createInviteAction(role: string): Promise<string | null> {
  const access = await accessFor("owner");
  if (!access || !isRole(role)) return null;
  const { token } = await createInvite(await getDb(), access, role);
  return token;
}

export async function deleteInviteAction(id: string): Promise<boolean> {
  const access = await accessFor("owner");
  if (!access || !isUuid(id)) return false;
  return deleteInvite(await getDb(), access.workspaceId, id);
}
