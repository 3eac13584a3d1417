import "server-only";
import { cookies } from "next/headers";
import { env } from "@/lib/env";
import type { MemberWorkspace } from "@/lib/workspaces/workspaces";

// The workspace a user works in. Only a choice: every read is checked against the user's memberships.
export const WORKSPACE_COOKIE = "hooksmith-workspace";

/** The chosen workspace if the user is still a member of it, else their first (oldest) one. */
export function activeWorkspace(
  workspaces: MemberWorkspace[],
  chosen: string | undefined,
): MemberWorkspace | null {
  return workspaces.find((workspace) => workspace.id === chosen) ?? workspaces[0] ?? null;
}

export async function chosenWorkspaceId(): Promise<string | undefined> {
  return (await cookies()).get(WORKSPACE_COOKIE)?.value;
}

/** Remembers the workspace for this browser; only server actions may set cookies. */
export async function chooseWorkspace(workspaceId: string): Promise<void> {
  (await cookies()).set(WORKSPACE_COOKIE, workspaceId, {
    httpOnly: true,
    sameSite: "lax",
    secure: env().BETTER_AUTH_URL?.startsWith("https://") ?? false,
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
  });
}
