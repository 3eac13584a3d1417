import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { memberships, type Role, type WorkspaceRow, workspaces } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Actor, WorkspaceContext } from "@/lib/context";

/**
 * Creates a workspace owned by the user, with its `workspace.create` audit entry, in one transaction: a
 * workspace never exists without its owner or its record. The name must have passed workspaceNameSchema.
 */
export async function createWorkspace(
  db: Database,
  input: { name: string; owner: { id: string; email: string } },
  actor: Actor,
): Promise<WorkspaceRow> {
  return db.transaction(async (tx) => {
    const [workspace] = await tx.insert(workspaces).values({ name: input.name.trim() }).returning();
    if (!workspace) throw new Error("insert returned no workspace");
    await tx
      .insert(memberships)
      .values({ workspace_id: workspace.id, user_id: input.owner.id, role: "owner" });
    await recordAudit(
      tx,
      { workspaceId: workspace.id, actor },
      {
        action: "workspace.create",
        target: { id: workspace.id, label: workspace.name },
        details: { owner: input.owner.email },
      },
    );
    return workspace;
  });
}

export type RenameResult = { ok: true; workspace: WorkspaceRow } | { ok: false; error: "not_found" };

/**
 * Renames the context's workspace and records `workspace.rename` with the old and new name, in one
 * transaction; the row is locked so two renames at once each record the name they replaced. The same name
 * again changes nothing and records nothing. The name must have passed workspaceNameSchema.
 */
export async function renameWorkspace(
  db: Database,
  context: WorkspaceContext,
  name: string,
): Promise<RenameResult> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(workspaces)
      .where(eq(workspaces.id, context.workspaceId))
      .for("update");
    if (!before) return { ok: false, error: "not_found" };
    const to = name.trim();
    if (before.name === to) return { ok: true, workspace: before };
    const [workspace] = await tx
      .update(workspaces)
      .set({ name: to })
      .where(eq(workspaces.id, context.workspaceId))
      .returning();
    if (!workspace) return { ok: false, error: "not_found" };
    await recordAudit(tx, context, {
      action: "workspace.rename",
      target: { id: workspace.id, label: to },
      details: { from: before.name, to },
    });
    return { ok: true, workspace };
  });
}

/** Adds the user to the workspace with the role, or changes the role of a member. */
export async function setMembership(
  db: Database,
  input: { workspaceId: string; userId: string; role: Role },
): Promise<void> {
  await db
    .insert(memberships)
    .values({ workspace_id: input.workspaceId, user_id: input.userId, role: input.role })
    .onConflictDoUpdate({
      target: [memberships.workspace_id, memberships.user_id],
      set: { role: input.role },
    });
}

export type MemberWorkspace = { id: string; name: string; role: Role };

/** The workspaces a user belongs to, oldest first, with the user's role in each. */
export async function workspacesOf(db: Database, userId: string): Promise<MemberWorkspace[]> {
  return db
    .select({ id: workspaces.id, name: workspaces.name, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspace_id))
    .where(eq(memberships.user_id, userId))
    .orderBy(asc(workspaces.created_at), asc(workspaces.id));
}

export async function roleIn(db: Database, workspaceId: string, userId: string): Promise<Role | null> {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspace_id, workspaceId), eq(memberships.user_id, userId)));
  return row?.role ?? null;
}

export async function getWorkspace(db: Database, id: string): Promise<WorkspaceRow | null> {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.id, id));
  return row ?? null;
}
