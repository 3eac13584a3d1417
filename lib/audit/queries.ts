import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { type AuditRow, auditLog } from "@/db/schema";
import { isUuid } from "@/lib/ids";

export const AUDIT_PAGE_SIZE = 100;

export type AuditPage = {
  entries: AuditRow[];
  /** The cursor for the next, older page (the last entry's id), or null when there is none. */
  older: string | null;
};

/**
 * One page of the workspace's audit log, newest first. The cursor is an entry id: the page holds the
 * entries older than it, compared on (at, id) in the database so entries of the same microsecond keep
 * one order. A cursor that is no entry of this workspace gives an empty page.
 */
export async function listAuditEntries(
  db: Database,
  workspaceId: string,
  options: { before?: string | null; limit?: number } = {},
): Promise<AuditPage> {
  const limit = options.limit ?? AUDIT_PAGE_SIZE;
  const before = options.before && isUuid(options.before) ? options.before : null;
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.workspace_id, workspaceId),
        before
          ? sql`(${auditLog.at}, ${auditLog.id}) < (select c.at, c.id from ${auditLog} c where c.id = ${before} and c.workspace_id = ${workspaceId})`
          : undefined,
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit + 1);
  const entries = rows.slice(0, limit);
  return { entries, older: rows.length > limit ? (entries.at(-1)?.id ?? null) : null };
}
