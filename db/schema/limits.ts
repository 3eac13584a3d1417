import { boolean, doublePrecision, pgTable, text, timestamp } from "drizzle-orm/pg-core";

// One token bucket per caller (key or instance token) and realm, shared by every app process on the
// database, so running more processes does not multiply the limit. The migration creates it UNLOGGED:
// buckets need no crash safety, and skipping the write-ahead log keeps a request's check cheap.
export const rateLimitBuckets = pgTable("rate_limit_buckets", {
  bucket: text("bucket").primaryKey(),
  tokens: doublePrecision("tokens").notNull(),
  updated_at: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull(),
  // Whether the last request taken from the bucket was let through: the answer of the same statement.
  allowed: boolean("allowed").notNull(),
});
