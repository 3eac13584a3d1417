import "server-only";
import { and, asc, count, eq, isNotNull, isNull } from "drizzle-orm";
import type { Database } from "@/db";
import { webhooks } from "@/db/schema";
import { isUuid } from "@/lib/ids";
import type { DisabledNotice } from "./notice-view";

// The owners' notice: webhooks Hooksmith switched off (a 410, or days of failures) that no owner has
// acknowledged yet. A person switching a webhook off is no notice (no reason is stored then), and switching
// it on again clears both reason and acknowledgement (mutations.ts). Served by webhooks_disabled_notice_idx.

const unacknowledged = (workspaceId: string) =>
  and(
    eq(webhooks.workspace_id, workspaceId),
    eq(webhooks.active, false),
    isNotNull(webhooks.disabled_reason),
    isNull(webhooks.disabled_acknowledged_at),
  );

/** The webhooks of the notice, longest switched off first. */
export async function disabledNotices(db: Database, workspaceId: string): Promise<DisabledNotice[]> {
  const rows = await db
    .select({
      id: webhooks.id,
      name: webhooks.name,
      reason: webhooks.disabled_reason,
      switched_off_at: webhooks.date_updated,
    })
    .from(webhooks)
    .where(unacknowledged(workspaceId))
    .orderBy(asc(webhooks.date_updated), asc(webhooks.id));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    reason: row.reason ?? "",
    switched_off_at: row.switched_off_at?.toISOString() ?? null,
  }));
}

/** How many webhooks the notice names (the header's count). */
export async function disabledNoticeCount(db: Database, workspaceId: string): Promise<number> {
  const [row] = await db.select({ count: count() }).from(webhooks).where(unacknowledged(workspaceId));
  return row?.count ?? 0;
}

/**
 * Marks the notice of one switched-off webhook as read; false when the workspace has no such notice
 * (another webhook, one switched on again meanwhile, or one already acknowledged).
 */
export async function acknowledgeDisabled(db: Database, workspaceId: string, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const done = await db
    .update(webhooks)
    .set({ disabled_acknowledged_at: new Date() })
    .where(and(unacknowledged(workspaceId), eq(webhooks.id, id)))
    .returning({ id: webhooks.id });
  return done.length > 0;
}
