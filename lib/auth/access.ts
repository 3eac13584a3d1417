import "server-only";
import { DEFAULT_WORKSPACE_ID, type Role } from "@/db/schema";
import type { WorkspaceContext } from "@/lib/workspaces/context";

/** What the signed-in person may do in the workspace they are working in. */
export type Access = WorkspaceContext & { role: Role };

const RANK: Record<Role, number> = { viewer: 0, editor: 1, owner: 2 };

export function roleAllows(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

// TEMPORARY until sign-in lands (issue 4, same session): every page and action acts as the owner of the
// default workspace. Pages and server actions already ask here, so sign-in changes this file only.
export async function currentAccess(): Promise<Access> {
  return {
    workspaceId: DEFAULT_WORKSPACE_ID,
    role: "owner",
    actor: { kind: "user", id: null, label: "local" },
  };
}

/** The access of the caller when its role reaches `needed`, else null (the action refuses). */
export async function accessFor(needed: Role): Promise<Access | null> {
  const access = await currentAccess();
  return roleAllows(access.role, needed) ? access : null;
}
