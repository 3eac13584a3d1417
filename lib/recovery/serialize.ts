import type { DeliveryRow, RecoveryJobRow } from "@/db/schema";
import type { DeliveryJson, RecoveryJson } from "./rows";

export type { DeliveryJson };

export function deliveryJson(row: DeliveryRow): DeliveryJson {
  return {
    id: row.id,
    event_id: row.event_id,
    webhook_id: row.webhook_id,
    status: row.status,
    attempts: row.attempts,
    next_attempt_at: row.status === "pending" ? row.next_attempt_at.toISOString() : null,
    last_response_status: row.last_response_status,
    last_error: row.last_error,
    created_at: row.created_at.toISOString(),
    completed_at: row.completed_at?.toISOString() ?? null,
    is_replay: row.is_replay,
    replay_of: row.replay_of,
  };
}

export function recoveryJson(row: RecoveryJobRow): RecoveryJson {
  return {
    id: row.id,
    webhook_id: row.webhook_id,
    since: row.since.toISOString(),
    until: row.until.toISOString(),
    status: row.status,
    total: row.total,
    done: row.done,
    created_at: row.created_at.toISOString(),
    completed_at: row.completed_at?.toISOString() ?? null,
  };
}
