import "server-only";
import { and, asc, count, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { memberships, type Role, users, workspaces } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { WorkspaceContext } from "@/lib/context";

export type Member = { user_id: string; email: string; name: string; role: Role; since: Date };

export async function listMembers(db: Database, workspaceId: string): Promise<Member[]> {
  return db
    .select({
      user_id: memberships.user_id,
      email: users.email,
      name: users.name,
      role: memberships.role,
      since: memberships.created_at,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.user_id))
    .where(eq(memberships.workspace_id, workspaceId))
    .orderBy(asc(memberships.created_at), asc(users.email));
}

export type MemberChange = { ok: true } | { ok: false; error: "not_found" | "last_owner" | "forbidden" };

// A workspace always keeps an owner: someone must be able to manage members and keys. The count and the
// change run in one transaction that first locks the workspace's row: two owners demoting or removing each
// other at the same moment are served one after the other, so the second sees the first's change (a count
// read outside the lock let 16 of 30 such races leave no owner).
type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

/**
 * Locks the workspace for this transaction; then a person acting must still be its owner (an owner
 * demoted by another a moment ago may have passed the page's check already).
 */
async function lockWorkspace(tx: Transaction, context: WorkspaceContext): Promise<MemberChange> {
  const [row] = await tx
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.id, context.workspaceId))
    .for("update");
  if (!row) return { ok: false, error: "not_found" };
  if (context.actor.kind !== "user" || !context.actor.id) return { ok: true };
  const actor = await findMember(tx, context.workspaceId, context.actor.id);
  return actor?.role === "owner" ? { ok: true } : { ok: false, error: "forbidden" };
}

async function isLastOwner(tx: Transaction, workspaceId: string, member: { role: Role }): Promise<boolean> {
  if (member.role !== "owner") return false;
  const [owners] = await tx
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.workspace_id, workspaceId), eq(memberships.role, "owner")));
  return (owners?.n ?? 0) <= 1;
}

async function findMember(tx: Transaction, workspaceId: string, userId: string) {
  const [member] = await tx
    .select({ role: memberships.role, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.user_id))
    .where(and(eq(memberships.workspace_id, workspaceId), eq(memberships.user_id, userId)));
  return member ?? null;
}

export async function changeMemberRole(
  db: Database,
  context: WorkspaceContext,
  userId: string,
  role: Role,
): Promise<MemberChange> {
  return db.transaction(async (tx): Promise<MemberChange> => {
    const locked = await lockWorkspace(tx, context);
    if (!locked.ok) return locked;
    const member = await findMember(tx, context.workspaceId, userId);
    if (!member) return { ok: false, error: "not_found" };
    if (member.role === role) return { ok: true };
    if (await isLastOwner(tx, context.workspaceId, member)) return { ok: false, error: "last_owner" };
    await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.workspace_id, context.workspaceId), eq(memberships.user_id, userId)));
    await recordAudit(tx, context, {
      action: "member.role",
      target: { id: userId, label: member.email },
      details: { from: member.role, to: role },
    });
    return { ok: true };
  });
}

export async function removeMember(
  db: Database,
  context: WorkspaceContext,
  userId: string,
): Promise<MemberChange> {
  return db.transaction(async (tx): Promise<MemberChange> => {
    const locked = await lockWorkspace(tx, context);
    if (!locked.ok) return locked;
    const member = await findMember(tx, context.workspaceId, userId);
    if (!member) return { ok: false, error: "not_found" };
    if (await isLastOwner(tx, context.workspaceId, member)) return { ok: false, error: "last_owner" };
    await tx
      .delete(memberships)
      .where(and(eq(memberships.workspace_id, context.workspaceId), eq(memberships.user_id, userId)));
    await recordAudit(tx, context, { action: "member.remove", target: { id: userId, label: member.email } });
    return { ok: true };
  });
}
