import type { DeliveryStatus } from "@/db/schema";

// The delivery rows the UI shows, without "server-only": components import these types from here, never
// from db/ or the queries (lib/dispatch/log-queries.ts) that produce them.

export type { DeliveryStatus };

// Dates are ISO 8601 strings: these rows go to the browser as they are.
export type DeliverySummary = {
  id: string;
  event_id: string;
  trigger_element: string;
  trigger: string;
  event_time: string;
  status: DeliveryStatus;
  attempts: number;
  /** Only for pending deliveries: when a worker takes it next. */
  next_attempt_at: string | null;
  last_response_status: number | null;
  last_error: string | null;
  /** A test send (lib/dispatch/test-send.ts): one attempt, never resent. */
  is_test: boolean;
};

/** Which deliveries the log shows: all, only tests, or none of them. */
export type DeliveryFilter = "all" | "tests" | "real";
