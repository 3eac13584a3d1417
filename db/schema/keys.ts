import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { workspaces } from "./workspaces";

const tz = { withTimezone: true, precision: 3 } as const;

// `api` keys call /api/v1; `event` keys report events to the internal routes.
export type KeyKind = "api" | "event";
export type KeyScope = "read" | "write" | "read_write";

// Shown once when created; only a SHA-256 of the key is kept (it is random and long: no salt needed).
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspace_id: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    kind: text("kind").$type<KeyKind>().notNull(),
    scope: text("scope").$type<KeyScope>().notNull(),
    // The first characters, so people can tell their keys apart in the list.
    prefix: text("prefix").notNull(),
    key_hash: text("key_hash").notNull().unique(),
    created_by: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    created_at: timestamp("created_at", tz).notNull().defaultNow(),
    expires_at: timestamp("expires_at", tz),
    last_used_at: timestamp("last_used_at", tz),
    revoked_at: timestamp("revoked_at", tz),
  },
  (table) => [index("api_keys_workspace_idx").on(table.workspace_id)],
);

export type ApiKeyRow = typeof apiKeys.$inferSelect;
