"use server";

import { accessFor, currentAccess } from "@/lib/auth/access";
import { currentUser } from "@/lib/auth/session";
import { chooseWorkspace } from "@/lib/auth/workspace-cookie";
import { getDb } from "@/lib/db";
import { redirect } from "@/lib/i18n/navigation";
import { requestLocale } from "@/lib/i18n/request-locale";
import { isUuid } from "@/lib/ids";
import { toFieldIssues } from "@/lib/validation/issues";
import { createInvite, deleteInvite } from "@/lib/workspaces/invites";
import { changeMemberRole, removeMember } from "@/lib/workspaces/members";
import { isRole, roleAllows } from "@/lib/workspaces/roles";
import { workspaceFormSchema } from "@/lib/workspaces/schema";
import { createWorkspace, renameWorkspace } from "@/lib/workspaces/workspaces";
import { refused } from "./refused";
import { type ActionResult, failed, succeeded } from "./result";

// Public endpoints: every input checked here; all but creating a workspace are for owners only.

type MemberResult = ActionResult<null, "not_found" | "last_owner" | "forbidden">;

/**
 * Any signed-in user may start a workspace of their own, as its owner; it becomes their active workspace
 * and they land on its (empty) webhook list.
 */
export async function createWorkspaceAction(
  input: unknown,
): Promise<ActionResult<never, "validation_failed">> {
  const locale = await requestLocale();
  const user = await currentUser();
  if (!user) return redirect({ href: "/sign-in", locale });
  const parsed = workspaceFormSchema.safeParse(input);
  if (!parsed.success) return refused(toFieldIssues(parsed.error));
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
): Promise<ActionResult<null, "forbidden" | "stale" | "validation_failed">> {
  // Without a session (or any workspace) this redirects, which ends the action.
  const access = await currentAccess();
  if (workspaceId !== access.workspaceId) return failed("stale");
  if (!roleAllows(access.role, "owner")) return failed("forbidden");
  const parsed = workspaceFormSchema.safeParse(input);
  if (!parsed.success) return refused(toFieldIssues(parsed.error));
  const renamed = await renameWorkspace(await getDb(), access, parsed.data.name);
  return renamed.ok ? succeeded(null) : failed("stale");
}

export async function changeMemberRoleAction(userId: string, role: string): Promise<MemberResult> {
  const access = await accessFor("owner");
  if (!access || !isUuid(userId) || !isRole(role)) return failed("not_found");
  const change = await changeMemberRole(await getDb(), access, userId, role);
  return change.ok ? succeeded(null) : failed(change.error);
}

export async function removeMemberAction(userId: string): Promise<MemberResult> {
  const access = await accessFor("owner");
  if (!access || !isUuid(userId)) return failed("not_found");
  const change = await removeMember(await getDb(), access, userId);
  return change.ok ? succeeded(null) : failed(change.error);
}

/** The new invite's token; the page builds the link from it. */
export async function createInviteAction(
  role: string,
): Promise<ActionResult<{ token: string }, "forbidden" | "validation_failed">> {
  const access = await accessFor("owner");
  if (!access) return failed("forbidden");
  if (!isRole(role)) return failed("validation_failed");
  const { token } = await createInvite(await getDb(), access, role);
  return succeeded({ token });
}

export async function deleteInviteAction(id: string): Promise<ActionResult<null, "forbidden" | "not_found">> {
  const access = await accessFor("owner");
  if (!access) return failed("forbidden");
  const deleted = isUuid(id) && (await deleteInvite(await getDb(), access.workspaceId, id));
  return deleted ? succeeded(null) : failed("not_found");
}
