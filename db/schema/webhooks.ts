import { sql } from "drizzle-orm";
import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";

export type KeyValue = { key: string; value: string };
export type FilterValues = Record<string, string | number>;

// Column and property names follow Add to Calendar PRO's public webhook API, so its users can move over.
export const webhooks = pgTable(
  "webhooks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspace_id: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    active: boolean("active").notNull().default(true),
    method: text("method").notNull(),
    payload_url: text("payload_url").notNull(),
    trigger: text("trigger").notNull(),
    trigger_element: text("trigger_element").notNull(),
    prokey_filter: text("prokey_filter"),
    filters: jsonb("filters").$type<FilterValues>().notNull().default(sql`'{}'::jsonb`),
    content_type: text("content_type").notNull(),
    header: jsonb("header").$type<KeyValue[]>().notNull().default(sql`'[]'::jsonb`),
    body: jsonb("body").$type<KeyValue[]>().notNull().default(sql`'[]'::jsonb`),
    // Microseconds: two webhooks created in the same millisecond still have an order for `latest`.
    date_created: timestamp("date_created", { withTimezone: true, precision: 6 }).notNull().defaultNow(),
    date_updated: timestamp("date_updated", { withTimezone: true, precision: 3 }),
    last_execution: timestamp("last_execution", { withTimezone: true, precision: 3 }),
    // Standard Webhooks signing secret (`whsec_…`). After a rotation the previous one signs too, for a while.
    secret: text("secret").notNull(),
    previous_secret: text("previous_secret"),
    previous_secret_expires_at: timestamp("previous_secret_expires_at", { withTimezone: true, precision: 3 }),
    // Why the system switched the webhook off (a 410 from the receiver, days of failures); null otherwise.
    disabled_reason: text("disabled_reason"),
    // Start of the current run of failed deliveries; null after any success.
    failing_since: timestamp("failing_since", { withTimezone: true, precision: 3 }),
    // When an owner acknowledged the notice that Hooksmith switched it off; cleared when it is switched on.
    disabled_acknowledged_at: timestamp("disabled_acknowledged_at", { withTimezone: true, precision: 3 }),
  },
  (table) => [
    index("webhooks_workspace_element_trigger_idx").on(
      table.workspace_id,
      table.trigger_element,
      table.trigger,
    ),
    index("webhooks_workspace_date_created_idx").on(table.workspace_id, table.date_created),
    // The owners' notice of webhooks switched off and not yet acknowledged (lib/webhooks/notices.ts).
    index("webhooks_disabled_notice_idx")
      .on(table.workspace_id)
      .where(sql`${table.disabled_reason} IS NOT NULL AND ${table.disabled_acknowledged_at} IS NULL`),
  ],
);

export type WebhookRow = typeof webhooks.$inferSelect;
export type NewWebhookRow = typeof webhooks.$inferInsert;
