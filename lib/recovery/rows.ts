import type { DeliveryStatus } from "@/lib/dispatch/rows";

// The event log's and recovery's rows as pages, components and the API see them, without "server-only":
// components import these types from here. Dates are ISO 8601 strings.

/** A delivery's queue state, never its stored request (which holds the webhook's secrets, encrypted). */
export type DeliveryJson = {
  id: string;
  event_id: string;
  webhook_id: string;
  status: DeliveryStatus;
  attempts: number;
  /** Only while pending: when a worker takes it next. */
  next_attempt_at: string | null;
  last_response_status: number | null;
  last_error: string | null;
  created_at: string;
  completed_at: string | null;
  is_replay: boolean;
  replay_of: string | null;
};

export type DeliveryCounts = {
  total: number;
  pending: number;
  succeeded: number;
  failed: number;
  cancelled: number;
};

export type EventSummary = {
  id: string;
  trigger_element: string;
  trigger: string;
  prokey: string | null;
  /** The element's own id (its data's `id`), if it has one. */
  element_id: string | null;
  received_at: string;
  deliveries: DeliveryCounts;
};

export type EventPage = {
  events: EventSummary[];
  /** The cursor of the next, older page (the last event's id), or null on the last page. */
  older: string | null;
};

export type EventDetail = Omit<EventSummary, "element_id" | "deliveries"> & {
  data: Record<string, unknown>;
  deliveries: (DeliveryJson & { webhook_name: string })[];
};

export type RecoveryJson = {
  id: string;
  webhook_id: string;
  since: string;
  until: string;
  status: "running" | "completed";
  /** Failed deliveries counted when the recovery was asked for. */
  total: number;
  /** How many of them are queued again so far. */
  done: number;
  created_at: string;
  completed_at: string | null;
};
