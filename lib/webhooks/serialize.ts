import type { WebhookRow } from "@/db/schema";
import type { Webhook } from "./schemas";

// The API's and the UI's shape of a stored webhook: dates as ISO 8601 strings.
export function toWebhook(row: WebhookRow): Webhook {
  return {
    id: row.id,
    name: row.name,
    active: row.active,
    method: row.method as Webhook["method"],
    payload_url: row.payload_url,
    trigger: row.trigger,
    trigger_element: row.trigger_element,
    prokey_filter: row.prokey_filter,
    filters: row.filters,
    content_type: row.content_type as Webhook["content_type"],
    header: row.header,
    body: row.body,
    date_created: row.date_created.toISOString(),
    date_updated: row.date_updated?.toISOString() ?? null,
    last_execution: row.last_execution?.toISOString() ?? null,
    secret: row.secret,
    disabled_reason: row.disabled_reason,
  };
}
