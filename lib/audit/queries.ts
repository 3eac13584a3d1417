import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { type AuditRow, auditLog } from "@/db/schema";
import { type Keyset, keysetPage, newestFirst, olderThan } from "@/lib/keyset";

export const AUDIT_PAGE_SIZE = 100;

export type AuditPage = {
  entries: AuditRow[];
  /** The cursor for the next, older page (the last entry's id), or null when there is none. */
  older: string | null;
};

const auditKeys: Keyset = { table: auditLog, at: auditLog.at, id: auditLog.id };

/**
 * One page of the workspace's audit log, newest first (lib/keyset.ts). The cursor is an entry id; one
 * that is no entry of this workspace gives an empty page.
 */
export async function listAuditEntries(
  db: Database,
  workspaceId: string,
  options: { before?: string | null; limit?: number } = {},
): Promise<AuditPage> {
  const { rows, older } = await keysetPage(options.limit ?? AUDIT_PAGE_SIZE, (take) =>
    db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.workspace_id, workspaceId),
          olderThan(auditKeys, options.before, { column: auditLog.workspace_id, value: workspaceId }),
        ),
      )
      .orderBy(...newestFirst(auditKeys))
      .limit(take),
  );
  return { entries: rows, older };
}
