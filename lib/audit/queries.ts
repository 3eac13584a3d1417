import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { type AuditRow, auditLog } from "@/db/schema";

export const AUDIT_PAGE_SIZE = 100;

/** The workspace's newest audit entries. */
export async function listAuditEntries(
  db: Database,
  workspaceId: string,
  limit = AUDIT_PAGE_SIZE,
): Promise<AuditRow[]> {
  return db
    .select()
    .from(auditLog)
    .where(eq(auditLog.workspace_id, workspaceId))
    .orderBy(desc(auditLog.at))
    .limit(limit);
}
