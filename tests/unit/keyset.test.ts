import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import { cursorParam, decodeCursor, keysetPage, olderThan, pageOf } from "@/lib/keyset";

// The pure half of keyset paging; the queries that use it are tested on both databases
// (audit-queries.test.ts, the delivery log's browser tests).

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const rows = (count: number) => Array.from({ length: count }, (_, index) => ({ id: id(index + 1) }));

describe("keyset paging", () => {
  it("takes any non-empty ?before= as the page's cursor", () => {
    expect(cursorParam(id(1))).toBe(id(1));
    expect(cursorParam("not-an-id")).toBe("not-an-id");
    expect(cursorParam("")).toBeNull();
    expect(cursorParam(undefined)).toBeNull();
    expect(cursorParam([id(1), id(2)])).toBeNull();
  });

  it("lets only a row id reach the database", () => {
    expect(decodeCursor(id(7))).toBe(id(7));
    expect(decodeCursor("'; drop table audit_log; --")).toBeNull();
    expect(decodeCursor(null)).toBeNull();
    expect(decodeCursor(undefined)).toBeNull();
  });

  it("gives an older cursor only when the extra row came", () => {
    expect(pageOf(rows(3), 2)).toEqual({ rows: rows(2), older: id(2) });
    expect(pageOf(rows(2), 2)).toEqual({ rows: rows(2), older: null });
    expect(pageOf([], 2)).toEqual({ rows: [], older: null });
  });

  it("reads one row more than the page holds", async () => {
    const asked: number[] = [];
    const page = await keysetPage(50, async (take) => {
      asked.push(take);
      return rows(take);
    });
    expect(asked).toEqual([51]);
    expect(page.rows).toHaveLength(50);
    expect(page.older).toBe(id(50));
  });

  it("compares (time, id) with the cursor row's, looked up in the same scope", () => {
    const keys = { table: auditLog, at: auditLog.at, id: auditLog.id };
    const scope = { column: auditLog.workspace_id, value: id(9) };
    expect(olderThan(keys, null, scope)).toBeUndefined();
    expect(olderThan(keys, "garbage", scope)).toBeUndefined();
    const condition = olderThan(keys, id(3), scope);
    if (!condition) throw new Error("expected a condition");
    const query = new PgDialect().sqlToQuery(condition);
    expect(query.sql).toBe(
      '("audit_log"."at", "audit_log"."id") < (select c."at", c."id" from "audit_log" c where c."id" = $1 and c."workspace_id" = $2)',
    );
    expect(query.params).toEqual([id(3), id(9)]);
  });
});
