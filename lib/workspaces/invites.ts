import "server-only";
import { randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { invites, memberships, type Role, workspaces } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { WorkspaceContext } from "@/lib/context";
import { hashKeyToken } from "@/lib/keys/token";
import { higherRole } from "./roles";

const INVITE_DAYS = 7;

export type InviteView = { id: string; role: Role; created_at: Date; expires_at: Date };

/** A one-time invite link token for the workspace; only its hash is stored. Valid for seven days. */
export async function createInvite(
  db: Database,
  context: WorkspaceContext,
  role: Role,
): Promise<{ token: string; invite: InviteView }> {
  const token = `hki_${randomBytes(24).toString("base64url")}`;
  const [invite] = await db
    .insert(invites)
    .values({
      workspace_id: context.workspaceId,
      role,
      token_hash: hashKeyToken(token),
      created_by: context.actor.kind === "user" ? context.actor.id : null,
      expires_at: sql`now() + interval '${sql.raw(String(INVITE_DAYS))} days'`,
    })
    .returning({
      id: invites.id,
      role: invites.role,
      created_at: invites.created_at,
      expires_at: invites.expires_at,
    });
  if (!invite) throw new Error("insert returned no invite");
  await recordAudit(db, context, {
    action: "member.invite",
    target: { id: invite.id, label: role },
    details: { role },
  });
  return { token, invite };
}

/** Invites not yet used and not expired, newest first. */
export async function listOpenInvites(db: Database, workspaceId: string): Promise<InviteView[]> {
  return db
    .select({
      id: invites.id,
      role: invites.role,
      created_at: invites.created_at,
      expires_at: invites.expires_at,
    })
    .from(invites)
    .where(
      and(
        eq(invites.workspace_id, workspaceId),
        isNull(invites.accepted_at),
        gt(invites.expires_at, sql`now()`),
      ),
    )
    .orderBy(desc(invites.created_at));
}

export async function deleteInvite(db: Database, workspaceId: string, id: string): Promise<boolean> {
  const deleted = await db
    .delete(invites)
    .where(and(eq(invites.workspace_id, workspaceId), eq(invites.id, id), isNull(invites.accepted_at)))
    .returning({ id: invites.id });
  return deleted.length > 0;
}

/** What an open invite leads to, for the page its link opens; null for an unknown, used or expired token. */
export async function findOpenInvite(
  db: Database,
  token: string,
): Promise<{ workspaceName: string; role: Role } | null> {
  const [invite] = await db
    .select({ workspaceName: workspaces.name, role: invites.role })
    .from(invites)
    .innerJoin(workspaces, eq(workspaces.id, invites.workspace_id))
    .where(
      and(
        eq(invites.token_hash, hashKeyToken(token)),
        isNull(invites.accepted_at),
        gt(invites.expires_at, sql`now()`),
      ),
    );
  return invite ?? null;
}

export type AcceptedInvite = { workspaceId: string; role: Role };

/**
 * Makes the user a member with the invite's role and uses the invite up, in one transaction: a link works
 * once. A user who is a member already keeps the higher of the two roles. Null for an unknown, used or
 * expired token.
 */
export async function acceptInvite(
  db: Database,
  token: string,
  user: { id: string; email: string },
): Promise<AcceptedInvite | null> {
  const userId = user.id;
  return db.transaction(async (tx) => {
    const [invite] = await tx
      .update(invites)
      .set({ accepted_by: userId, accepted_at: sql`now()` })
      .where(
        and(
          eq(invites.token_hash, hashKeyToken(token)),
          isNull(invites.accepted_at),
          gt(invites.expires_at, sql`now()`),
        ),
      )
      .returning({ workspace_id: invites.workspace_id, role: invites.role });
    if (!invite) return null;
    const [existing] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.workspace_id, invite.workspace_id), eq(memberships.user_id, userId)));
    const role = existing ? higherRole(existing.role, invite.role) : invite.role;
    await tx
      .insert(memberships)
      .values({ workspace_id: invite.workspace_id, user_id: userId, role })
      .onConflictDoUpdate({ target: [memberships.workspace_id, memberships.user_id], set: { role } });
    const actor = { kind: "user" as const, id: userId, label: user.email };
    await recordAudit(
      tx,
      { workspaceId: invite.workspace_id, actor },
      {
        action: "member.add",
        target: { id: userId, label: user.email },
        details: { role, via: "invite" },
      },
    );
    return { workspaceId: invite.workspace_id, role };
  });
}
