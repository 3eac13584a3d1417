import { customType, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { workspaces } from "./workspaces";

const tz = { withTimezone: true, precision: 3 } as const;

// Raw bytes: the inbox keeps a body exactly as it arrived, so a signature over it can still be checked.
// postgres-js hands back a Buffer, PGlite a Uint8Array: both become a Buffer here.
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => value,
  fromDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
});

/**
 * A request inbox: an address of this app (`/api/inbox/{token}`) that keeps the requests it receives, so a
 * user can see what a receiver would get. The token is 256 random bits: its SHA-256 finds the inbox, and
 * it is kept encrypted (lib/crypto) so members can read the address again. Rotating replaces both.
 */
export const requestInboxes = pgTable(
  "request_inboxes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspace_id: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    token_hash: text("token_hash").notNull().unique(),
    token_encrypted: text("token_encrypted").notNull(),
    created_by: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    created_at: timestamp("created_at", tz).notNull().defaultNow(),
    // Null while pinned: a pinned inbox never expires. Otherwise 7 days after creation (or unpinning).
    expires_at: timestamp("expires_at", tz),
    // What the inbox answers, to try a sender's retries: a status, Retry-After (429, 503), a delay.
    response_status: integer("response_status").notNull().default(200),
    response_retry_after: integer("response_retry_after"),
    response_delay_ms: integer("response_delay_ms").notNull().default(0),
  },
  (table) => [
    index("request_inboxes_workspace_idx").on(table.workspace_id, table.created_at),
    index("request_inboxes_expires_idx").on(table.expires_at),
  ],
);

/** Header values and the query string are kept encrypted, like a delivery's stored request. */
export const inboxRequests = pgTable(
  "inbox_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    inbox_id: uuid("inbox_id")
      .notNull()
      .references(() => requestInboxes.id, { onDelete: "cascade" }),
    // Microseconds: requests arriving in the same millisecond still have one order for the keyset pages.
    received_at: timestamp("received_at", { withTimezone: true, precision: 6 }).notNull().defaultNow(),
    method: text("method").notNull(),
    // The path after the token ("/hooks/a"), "" for none.
    path: text("path").notNull(),
    query: text("query").notNull(),
    // In the order received, repeated names kept: [name, value] pairs.
    headers: jsonb("headers").$type<[string, string][]>().notNull(),
    body: bytea("body").notNull(),
    source_address: text("source_address"),
  },
  (table) => [index("inbox_requests_inbox_received_idx").on(table.inbox_id, table.received_at, table.id)],
);

export type RequestInboxRow = typeof requestInboxes.$inferSelect;
export type InboxRequestRow = typeof inboxRequests.$inferSelect;
