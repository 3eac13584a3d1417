import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { webhooks } from "./webhooks";
import { workspaces } from "./workspaces";

// An element change reported by the host platform. Kept so every delivery can say what caused it.
// events, deliveries and delivery_attempts: time-ordered ids (UUIDv7), so the rows every event writes go to
// the end of their indexes rather than a random page each (migration 0015; the app makes event ids itself).
export const events = pgTable(
  "events",
  {
    id: uuid("id").primaryKey().default(sql`uuid_v7()`),
    // The workspace whose event key (or the instance token, for the default workspace) reported it.
    workspace_id: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    trigger_element: text("trigger_element").notNull(),
    trigger: text("trigger").notNull(),
    prokey: text("prokey"),
    // json, not jsonb: keeps the data's key order, so element_data reads as the platform sent it.
    data: json("data").$type<Record<string, unknown>>().notNull(),
    received_at: timestamp("received_at", { withTimezone: true, precision: 6 }).notNull().defaultNow(),
    // The sample data of a test send (lib/dispatch/test-send.ts), not something the platform reported.
    is_test: boolean("is_test").notNull().default(false),
  },
  (table) => [
    index("events_received_at_idx").on(table.received_at),
    // A test send's picker: the workspace's last real events of one element and trigger.
    index("events_workspace_element_trigger_idx")
      .on(table.workspace_id, table.trigger_element, table.trigger, table.received_at)
      .where(sql`${table.is_test} = false`),
    // The event log: a workspace's events newest first, and its search by element id or prokey.
    index("events_workspace_received_idx").on(table.workspace_id, table.received_at, table.id),
    index("events_workspace_element_id_idx").on(table.workspace_id, sql`(${table.data}->>'id')`),
    index("events_workspace_prokey_idx")
      .on(table.workspace_id, table.prokey)
      .where(sql`${table.prokey} IS NOT NULL`),
  ],
);

// "cancelled": still pending when its webhook was switched off (by a person, or by the system after a 410 or
// days of failures); nothing more is sent. A person can resend it once the webhook is on again.
// An event reported with an idempotency key, and the answer it got: a repeat of the key within 24 hours
// gets that answer instead of a second event. The primary key makes a concurrent repeat fail as a whole.
export const eventIdempotencyKeys = pgTable(
  "event_idempotency_keys",
  {
    workspace_id: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    event_id: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    deliveries: integer("deliveries").notNull(),
    created_at: timestamp("created_at", { withTimezone: true, precision: 6 }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.workspace_id, table.key] }),
    index("event_idempotency_keys_created_at_idx").on(table.created_at),
    // Deleting an event (retention) cascades here.
    index("event_idempotency_keys_event_idx").on(table.event_id),
  ],
);

export type DeliveryStatus = "pending" | "succeeded" | "failed" | "cancelled";

export type StoredRequest = {
  method: string;
  url: string;
  headers: [string, string][];
  body: string | null;
};

// One webhook's copy of one event: the queue row. Its id is the `webhook-id` header, the same on
// every retry, so receivers can drop duplicates. Stored with fillfactor 50 (migration 0009, which Drizzle's
// table builder cannot express): a claim's lease write then stays on the row's page, without index entries.
export const deliveries = pgTable(
  "deliveries",
  {
    id: uuid("id").primaryKey().default(sql`uuid_v7()`),
    event_id: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    // No foreign keys on these two (migration 0014): checked per inserted row they cost the intake a
    // fifth of its database time. Deleting a webhook deletes its deliveries by a trigger instead, and the
    // intake locks the webhooks it queues for as the key's check did.
    webhook_id: uuid("webhook_id").notNull(),
    workspace_id: uuid("workspace_id").notNull(),
    status: text("status").$type<DeliveryStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    next_attempt_at: timestamp("next_attempt_at", { withTimezone: true, precision: 6 })
      .notNull()
      .defaultNow(),
    // A claimed row belongs to its worker until the lease runs out; a crashed worker's rows come back then.
    lease_expires_at: timestamp("lease_expires_at", { withTimezone: true, precision: 6 }),
    leased_by: text("leased_by"),
    // Rendered once, at the first attempt: every retry sends the same body.
    request: jsonb("request").$type<StoredRequest>(),
    last_response_status: integer("last_response_status"),
    last_error: text("last_error"),
    created_at: timestamp("created_at", { withTimezone: true, precision: 6 }).notNull().defaultNow(),
    completed_at: timestamp("completed_at", { withTimezone: true, precision: 6 }),
    // A test send: one attempt, never retried or resent, never counted toward the webhook's health.
    is_test: boolean("is_test").notNull().default(false),
    // A replay (lib/recovery/replay.ts) is a new delivery of a stored event: the one it repeats, if any.
    replay_of: uuid("replay_of").references((): AnyPgColumn => deliveries.id, { onDelete: "set null" }),
    is_replay: boolean("is_replay").notNull().default(false),
  },
  (table) => [
    index("deliveries_replay_of_idx").on(table.replay_of).where(sql`${table.replay_of} IS NOT NULL`),
    index("deliveries_due_idx").on(table.next_attempt_at).where(sql`${table.status} = 'pending'`),
    index("deliveries_webhook_idx").on(table.webhook_id, table.created_at),
    // A webhook's pending deliveries: cancelled when it is switched off, parked while it backs off.
    index("deliveries_webhook_pending_idx")
      .on(table.webhook_id, table.next_attempt_at)
      .where(sql`${table.status} = 'pending'`),
    index("deliveries_event_idx").on(table.event_id),
    // Health (lib/health): a workspace's real deliveries of the last 24 hours, one range scan.
    index("deliveries_workspace_created_idx")
      .on(table.workspace_id, table.created_at)
      .where(sql`${table.is_test} = false`),
  ],
);

// The log: one row per attempt, with what was sent (secrets masked) and what came back.
export const deliveryAttempts = pgTable(
  "delivery_attempts",
  {
    id: uuid("id").primaryKey().default(sql`uuid_v7()`),
    delivery_id: uuid("delivery_id")
      .notNull()
      .references(() => deliveries.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    started_at: timestamp("started_at", { withTimezone: true, precision: 6 }).notNull(),
    duration_ms: integer("duration_ms").notNull(),
    request: jsonb("request").$type<StoredRequest>().notNull(),
    response_status: integer("response_status"),
    response_headers: jsonb("response_headers").$type<Record<string, string>>(),
    response_body: text("response_body"),
    error_kind: text("error_kind"),
    error_message: text("error_message"),
  },
  (table) => [
    index("delivery_attempts_delivery_idx").on(table.delivery_id, table.attempt),
    // Attempts whose bodies retention has yet to drop (lib/retention): they leave the index when dropped.
    index("delivery_attempts_bodies_idx")
      .on(table.started_at)
      .where(sql`${table.response_body} IS NOT NULL OR (${table.request}->>'body') IS NOT NULL`),
  ],
);

export type RecoveryStatus = "running" | "completed";

// "Resend everything that failed for this webhook since …": counted when asked for, then requeued by the
// workers in batches (lib/recovery/run.ts), walking the webhook's deliveries in (created_at, id) order from
// the cursor, so a job resumes where it stopped and never requeues a delivery twice.
export const recoveryJobs = pgTable(
  "recovery_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspace_id: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    webhook_id: uuid("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    since: timestamp("since", { withTimezone: true, precision: 6 }).notNull(),
    // Deliveries created after the job was asked for are not part of it.
    until: timestamp("until", { withTimezone: true, precision: 6 }).notNull().defaultNow(),
    total: integer("total").notNull(),
    done: integer("done").notNull().default(0),
    status: text("status").$type<RecoveryStatus>().notNull().default("running"),
    cursor_at: timestamp("cursor_at", { withTimezone: true, precision: 6 }),
    cursor_id: uuid("cursor_id"),
    created_at: timestamp("created_at", { withTimezone: true, precision: 6 }).notNull().defaultNow(),
    completed_at: timestamp("completed_at", { withTimezone: true, precision: 6 }),
  },
  (table) => [
    index("recovery_jobs_running_idx").on(table.created_at).where(sql`${table.status} = 'running'`),
  ],
);

export type RecoveryJobRow = typeof recoveryJobs.$inferSelect;

export type EventRow = typeof events.$inferSelect;
export type DeliveryRow = typeof deliveries.$inferSelect;
export type DeliveryAttemptRow = typeof deliveryAttempts.$inferSelect;

// Deliveries whose stored request an earlier version wrote with the webhook's header values in plaintext,
// listed once by migration 0005; start-up encrypts them and empties the list (lib/crypto/delivery-requests.ts).
export const legacyDeliveryRequests = pgTable("legacy_delivery_requests", {
  delivery_id: uuid("delivery_id")
    .primaryKey()
    .references(() => deliveries.id, { onDelete: "cascade" }),
});
