import "server-only";
import { and, asc, count, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { memberships, type Role, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { WorkspaceContext } from "./context";

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

export type MemberChange = { ok: true } | { ok: false; error: "not_found" | "last_owner" };

// A workspace always keeps an owner: someone must be able to manage members and keys.
async function wouldLoseLastOwner(
  db: Database,
  workspaceId: string,
  member: { role: Role },
): Promise<boolean> {
  if (member.role !== "owner") return false;
  const [owners] = await db
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.workspace_id, workspaceId), eq(memberships.role, "owner")));
  return (owners?.n ?? 0) <= 1;
}

async function findMember(db: Database, workspaceId: string, userId: string) {
  const [member] = await db
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
  const member = await findMember(db, context.workspaceId, userId);
  if (!member) return { ok: false, error: "not_found" };
  if (member.role === role) return { ok: true };
  if (await wouldLoseLastOwner(db, context.workspaceId, member)) return { ok: false, error: "last_owner" };
  await db
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.workspace_id, context.workspaceId), eq(memberships.user_id, userId)));
  await recordAudit(db, context, {
    action: "member.role",
    target: { id: userId, label: member.email },
    details: { from: member.role, to: role },
  });
  return { ok: true };
}

export async function removeMember(
  db: Database,
  context: WorkspaceContext,
  userId: string,
): Promise<MemberChange> {
  const member = await findMember(db, context.workspaceId, userId);
  if (!member) return { ok: false, error: "not_found" };
  if (await wouldLoseLastOwner(db, context.workspaceId, member)) return { ok: false, error: "last_owner" };
  await db
    .delete(memberships)
    .where(and(eq(memberships.workspace_id, context.workspaceId), eq(memberships.user_id, userId)));
  await recordAudit(db, context, { action: "member.remove", target: { id: userId, label: member.email } });
  return { ok: true };
}
