import "server-only";
import { cache } from "react";
import type { Role } from "@/db/schema";
import type { WorkspaceContext } from "@/lib/context";
import { getDb } from "@/lib/db";
import { redirect } from "@/lib/i18n/navigation";
import { requestLocale } from "@/lib/i18n/request-locale";
import { roleAllows } from "@/lib/workspaces/roles";
import { workspacesOf } from "@/lib/workspaces/workspaces";
import { currentUser } from "./session";
import { activeWorkspace, chosenWorkspaceId } from "./workspace-cookie";

/** What the signed-in person may do in the workspace they are working in. */
export type Access = WorkspaceContext & { role: Role };

export { roleAllows };

/**
 * The signed-in user's access in their active workspace (the workspace cookie if they are a member of it,
 * else their first workspace). Without a session it redirects to the sign-in page, without any workspace
 * to the page that says so; in server actions the redirect ends the action the same way.
 */
export const currentAccess = cache(async (): Promise<Access> => {
  const user = await currentUser();
  if (!user) return redirect({ href: "/sign-in", locale: await requestLocale() });
  const workspaces = await workspacesOf(await getDb(), user.id);
  const workspace = activeWorkspace(workspaces, await chosenWorkspaceId());
  if (!workspace) return redirect({ href: "/no-workspace", locale: await requestLocale() });
  return {
    workspaceId: workspace.id,
    role: workspace.role,
    actor: { kind: "user", id: user.id, label: user.email },
  };
});

/** The access of the caller when its role reaches `needed`, else null (the action refuses). */
export async function accessFor(needed: Role): Promise<Access | null> {
  const access = await currentAccess();
  return roleAllows(access.role, needed) ? access : null;
}
