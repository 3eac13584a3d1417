import { index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";

const tz = { withTimezone: true, precision: 3 } as const;

// The instance tokens (API_TOKEN, INTERNAL_TOKEN) act in this one; the first migration creates it.
export const DEFAULT_WORKSPACE_ID = "00000000-0000-4000-8000-000000000001";

// Every webhook, event and delivery belongs to one workspace; people reach it through a membership.
export const workspaces = pgTable("workspaces", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  created_at: timestamp("created_at", tz).notNull().defaultNow(),
});

export type Role = "owner" | "editor" | "viewer";

export const memberships = pgTable(
  "memberships",
  {
    workspace_id: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    user_id: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").$type<Role>().notNull(),
    created_at: timestamp("created_at", tz).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.workspace_id, table.user_id] }),
    index("memberships_user_idx").on(table.user_id),
  ],
);

// An invite link: whoever opens it signed in (or signs up through it) joins with the role. Only the
// token's hash is stored, like API keys.
export const invites = pgTable(
  "invites",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspace_id: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    role: text("role").$type<Role>().notNull(),
    token_hash: text("token_hash").notNull().unique(),
    created_by: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    created_at: timestamp("created_at", tz).notNull().defaultNow(),
    expires_at: timestamp("expires_at", tz).notNull(),
    accepted_by: uuid("accepted_by").references(() => users.id, { onDelete: "set null" }),
    accepted_at: timestamp("accepted_at", tz),
  },
  (table) => [index("invites_workspace_idx").on(table.workspace_id)],
);

export type WorkspaceRow = typeof workspaces.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;
