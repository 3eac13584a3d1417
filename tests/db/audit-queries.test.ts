import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/db";
import { auditLog, DEFAULT_WORKSPACE_ID, workspaces } from "@/db/schema";
import { listAuditEntries } from "@/lib/audit/queries";
import { databaseBackends, type OpenDatabase } from "../helpers/database-backends";

// The audit log pages newest first by cursor; entries of the same instant keep one order across pages.

describe.each(databaseBackends())("audit log pages on $name", ({ open }) => {
  let database: OpenDatabase;
  let db: Connection["db"];
  let otherWorkspaceEntry: string;
  // Newest first, as the pages must list them.
  const expected: string[] = [];

  beforeAll(async () => {
    database = await open();
    db = database.connection.db;
    const [other] = await db.insert(workspaces).values({ name: "Other" }).returning({ id: workspaces.id });
    if (!other) throw new Error("insert failed");
    const entry = (workspace_id: string, at: string, target_label: string) => ({
      workspace_id,
      at: new Date(at),
      actor_kind: "cli",
      actor_label: "admin CLI",
      action: "webhook.create",
      target_label,
    });
    const rows = await db
      .insert(auditLog)
      .values([
        entry(DEFAULT_WORKSPACE_ID, "2026-11-01T10:00:00Z", "first"),
        entry(DEFAULT_WORKSPACE_ID, "2026-11-01T11:00:00Z", "second"),
        // Three in the same instant: their ids decide their order.
        entry(DEFAULT_WORKSPACE_ID, "2026-11-01T12:00:00Z", "same instant"),
        entry(DEFAULT_WORKSPACE_ID, "2026-11-01T12:00:00Z", "same instant"),
        entry(DEFAULT_WORKSPACE_ID, "2026-11-01T12:00:00Z", "same instant"),
        entry(other.id, "2026-11-01T13:00:00Z", "elsewhere"),
      ])
      .returning({ id: auditLog.id, at: auditLog.at, workspace_id: auditLog.workspace_id });
    otherWorkspaceEntry = rows.find((row) => row.workspace_id === other.id)?.id ?? "";
    const ours = rows.filter((row) => row.workspace_id === DEFAULT_WORKSPACE_ID);
    ours.sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1));
    expected.push(...ours.map((row) => row.id));
  });
  afterAll(() => database?.cleanup());

  it("pages through the workspace's entries, newest first, each once", async () => {
    const seen: string[] = [];
    let before: string | null = null;
    let pages = 0;
    do {
      const page = await listAuditEntries(db, DEFAULT_WORKSPACE_ID, { before, limit: 2 });
      seen.push(...page.entries.map((entry) => entry.id));
      before = page.older;
      pages += 1;
    } while (before && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(expected);
  });

  it("says there is no older page on the last one", async () => {
    const page = await listAuditEntries(db, DEFAULT_WORKSPACE_ID, { limit: 5 });
    expect(page.entries).toHaveLength(5);
    expect(page.older).toBeNull();
  });

  it("gives nothing for a cursor of another workspace, and the newest page for one that is no id", async () => {
    expect(await listAuditEntries(db, DEFAULT_WORKSPACE_ID, { before: otherWorkspaceEntry })).toEqual({
      entries: [],
      older: null,
    });
    const page = await listAuditEntries(db, DEFAULT_WORKSPACE_ID, { before: "'; drop table audit_log; --" });
    expect(page.entries.map((entry) => entry.id)).toEqual(expected);
  });
});
