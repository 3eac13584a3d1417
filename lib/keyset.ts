import { desc, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { isUuid } from "@/lib/ids";

// Newest-first keyset paging, as the audit log and the delivery log page. The cursor is the id of the last
// row shown (the URL's `?before=`); the next page holds the rows older than it, compared on (time, id) in
// the database, so rows of the same microsecond keep one order and none is skipped or shown twice.

/** A log table's keys: the time it is ordered by and the row id that breaks ties. */
export type Keyset = { table: PgTable; at: PgColumn; id: PgColumn };

export type KeysetPage<T> = {
  rows: T[];
  /** The cursor of the next, older page (the last row's id), or null on the last page. */
  older: string | null;
};

/** The cursor a page was asked for (`?before=`): any non-empty text, which the query then checks. */
export function cursorParam(value: string | string[] | undefined): string | null {
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** Only a row id can name a row: any other cursor is no cursor (the newest page), never a cast error. */
export function decodeCursor(cursor: string | null | undefined): string | null {
  return isUuid(cursor) ? cursor : null;
}

export function newestFirst(keys: Keyset): [SQL, SQL] {
  return [desc(keys.at), desc(keys.id)];
}

/**
 * The rows older than the cursor's row, which is looked up within the same scope (a workspace, a webhook):
 * a cursor from elsewhere matches no row, so its page is empty. No condition without a cursor.
 */
export function olderThan(keys: Keyset, cursor: string | null | undefined, scope: Scope): SQL | undefined {
  return beside(keys, cursor, scope, sql`<`);
}

/** The rows newer than the cursor's row, for a page that polls for what arrived since (`?after=`). */
export function newerThan(keys: Keyset, cursor: string | null | undefined, scope: Scope): SQL | undefined {
  return beside(keys, cursor, scope, sql`>`);
}

type Scope = { column: PgColumn; value: string };

function beside(
  keys: Keyset,
  cursor: string | null | undefined,
  scope: Scope,
  compare: SQL,
): SQL | undefined {
  const row = decodeCursor(cursor);
  if (!row) return undefined;
  const own = (column: PgColumn) => sql`c.${sql.identifier(column.name)}`;
  return sql`(${keys.at}, ${keys.id}) ${compare} (select ${own(keys.at)}, ${own(keys.id)} from ${keys.table} c where ${own(keys.id)} = ${row} and ${own(scope.column)} = ${scope.value})`;
}

/** One page from rows read with one more than it holds: that extra row says whether an older page exists. */
export function pageOf<T extends { id: string }>(rows: T[], limit: number): KeysetPage<T> {
  const page = rows.slice(0, limit);
  return { rows: page, older: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
}

/** Reads `limit + 1` rows with `read` and returns the page and the next cursor. */
export async function keysetPage<T extends { id: string }>(
  limit: number,
  read: (take: number) => Promise<T[]>,
): Promise<KeysetPage<T>> {
  return pageOf(await read(limit + 1), limit);
}
