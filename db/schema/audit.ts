import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";

// Who did what to which thing: webhooks, secrets, keys, members. Actors are kept as text too, so an
// entry still says who it was after the user or key is gone.
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspace_id: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true, precision: 6 }).notNull().defaultNow(),
    // "user" (signed in), "key" (an API key), "token" (an instance token), "cli" (npm run admin).
    actor_kind: text("actor_kind").notNull(),
    actor_id: uuid("actor_id"),
    actor_label: text("actor_label").notNull(),
    // e.g. webhook.create, webhook.update, webhook.toggle, webhook.delete, webhook.rotate_secret,
    // key.create, key.revoke, member.add, member.role, member.remove
    action: text("action").notNull(),
    target_id: text("target_id"),
    target_label: text("target_label"),
    // Which fields changed, the new role, …; never a secret.
    details: jsonb("details").$type<Record<string, unknown>>(),
  },
  (table) => [index("audit_log_workspace_at_idx").on(table.workspace_id, table.at)],
);

export type AuditRow = typeof auditLog.$inferSelect;
