import { sql } from "drizzle-orm";
import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export type KeyValue = { key: string; value: string };
export type FilterValues = Record<string, string | number>;

// Column and property names follow Add to Calendar PRO's public webhook API, so its users can move over.
export const webhooks = pgTable(
  "webhooks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
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
  },
  (table) => [
    index("webhooks_element_trigger_idx").on(table.trigger_element, table.trigger),
    index("webhooks_date_created_idx").on(table.date_created),
  ],
);

export type WebhookRow = typeof webhooks.$inferSelect;
export type NewWebhookRow = typeof webhooks.$inferInsert;
