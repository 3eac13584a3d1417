/** Who acts: a signed-in user, a workspace key, an instance token, or an operator at the admin CLI. */
export type Actor = { kind: "user" | "key" | "token" | "cli"; id: string | null; label: string };

/** Every change happens in one workspace, by someone: the audit log records both. */
export type WorkspaceContext = { workspaceId: string; actor: Actor };
