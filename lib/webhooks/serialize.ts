import "server-only";
import type { Role, WebhookRow } from "@/db/schema";
import { maskUrl } from "@/lib/crypto/url-secrets";
import { decryptHeader, decryptSecret, decryptUrl } from "@/lib/crypto/webhook-secrets";
import type { Webhook } from "./schemas";

// The API's and the UI's shape of a stored webhook: dates as ISO 8601 strings, header values and the
// signing secret (and the payload URL) decrypted. Callers that answer someone who may not see secrets pass it through `visibleTo`.
export function toWebhook(row: WebhookRow): Webhook {
  return {
    id: row.id,
    name: row.name,
    active: row.active,
    method: row.method as Webhook["method"],
    payload_url: decryptUrl(row.payload_url),
    trigger: row.trigger,
    trigger_element: row.trigger_element,
    prokey_filter: row.prokey_filter,
    filters: row.filters,
    content_type: row.content_type as Webhook["content_type"],
    header: decryptHeader(row.header),
    body: row.body,
    date_created: row.date_created.toISOString(),
    date_updated: row.date_updated?.toISOString() ?? null,
    last_execution: row.last_execution?.toISOString() ?? null,
    secret: decryptSecret(row.secret),
    disabled_reason: row.disabled_reason,
  };
}

/** What stands in for a secret a viewer may not see; the same for every value, so nothing leaks its length. */
export const MASKED_VALUE = "••••••••";
export const MASKED_SECRET = `whsec_${MASKED_VALUE}`;

/** Whether a role may see header values and signing secrets: viewers read webhooks with them masked. */
export function seesSecrets(role: Role): boolean {
  return role !== "viewer";
}

/**
 * The webhook as `role` may see it: viewers (and read-scope keys) get header values, the signing secret and
 * the payload URL's credentials masked, here on the server, so the plaintext never reaches them.
 */
export function visibleTo(role: Role, webhook: Webhook): Webhook {
  if (seesSecrets(role)) return webhook;
  return {
    ...webhook,
    payload_url: maskUrl(webhook.payload_url),
    header: webhook.header.map(({ key }) => ({ key, value: MASKED_VALUE })),
    secret: MASKED_SECRET,
  };
}
