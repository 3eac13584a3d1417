import "server-only";
import { getDb } from "@/lib/db";
import { disabledNoticeCount } from "@/lib/webhooks/notices";
import { workspacesOf } from "@/lib/workspaces/workspaces";
import type { HeaderAccount } from "./header-account";
import { currentUser } from "./session";
import { activeWorkspace, chosenWorkspaceId } from "./workspace-cookie";

export type { HeaderAccount };

/** What the app header shows of the signed-in user; null when no one is signed in. */
export async function headerAccount(): Promise<HeaderAccount | null> {
  const user = await currentUser();
  if (!user) return null;
  const db = await getDb();
  const workspaces = await workspacesOf(db, user.id);
  const active = activeWorkspace(workspaces, await chosenWorkspaceId());
  return {
    email: user.email,
    workspaces: workspaces.map(({ id, name }) => ({ id, name })),
    active: active ? { id: active.id, name: active.name, role: active.role } : null,
    notices: active?.role === "owner" ? await disabledNoticeCount(db, active.id) : 0,
  };
}
