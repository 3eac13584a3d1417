"use server";

import { accessFor } from "@/lib/auth/access";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/ids";
import { createInvite, deleteInvite } from "./invites";
import { changeMemberRole, type MemberChange, removeMember } from "./members";
import { isRole } from "./roles";

// Public endpoints: owners only, every input checked here.

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
