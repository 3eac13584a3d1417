import "server-only";
import type { Database } from "@/db";
import { auditLog } from "@/db/schema";
import type { WorkspaceContext } from "@/lib/context";

export type AuditAction =
  | "webhook.create"
  | "webhook.update"
  | "webhook.toggle"
  | "webhook.delete"
  | "webhook.rotate_secret"
  | "key.create"
  | "key.revoke"
  | "member.invite"
  | "member.add"
  | "member.role"
  | "member.remove"
  | "workspace.create"
  | "workspace.rename"
  | "inbox.create"
  | "inbox.update"
  | "inbox.rotate_token"
  | "inbox.delete";

export type AuditEntry = {
  action: AuditAction;
  target?: { id: string; label: string };
  /** Which fields changed, the new role, …: never a secret value. */
  details?: Record<string, unknown>;
};

/** Appends one entry to the workspace's audit log. */
export async function recordAudit(
  db: Pick<Database, "insert">,
  context: WorkspaceContext,
  entry: AuditEntry,
): Promise<void> {
  await db.insert(auditLog).values({
    workspace_id: context.workspaceId,
    actor_kind: context.actor.kind,
    actor_id: context.actor.id,
    actor_label: context.actor.label,
    action: entry.action,
    target_id: entry.target?.id ?? null,
    target_label: entry.target?.label ?? null,
    details: entry.details ?? null,
  });
}
