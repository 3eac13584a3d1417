import type { CatalogElement } from "./catalog-view";
import type { Webhook, WebhookValues } from "./schemas";

// The editor's form state. Inputs hold text, so the prokey filter and filter fields are strings ("" = none);
// toWebhookInput turns them into what the shared schema validates. No runtime imports: the browser loads it.
export type KeyValueRow = { key: string; value: string };

export type WebhookFormValues = {
  name: string;
  active: boolean;
  trigger: string;
  trigger_element: string;
  prokey_filter: string;
  filters: Record<string, string>;
  method: WebhookValues["method"];
  payload_url: string;
  content_type: WebhookValues["content_type"];
  header: KeyValueRow[];
  body: KeyValueRow[];
};

type ElementInfo = Pick<CatalogElement, "prokeyFilter" | "filters">;

// A new webhook starts on the catalog's first element and its first trigger.
export function newWebhookForm(firstElement: { key: string; triggers: readonly string[] } | undefined) {
  const values: WebhookFormValues = {
    name: "",
    active: true,
    trigger: firstElement?.triggers[0] ?? "",
    trigger_element: firstElement?.key ?? "",
    prokey_filter: "",
    filters: {},
    method: "POST",
    payload_url: "",
    content_type: "application/json",
    header: [],
    body: [],
  };
  return values;
}

export function toFormValues(webhook: Webhook): WebhookFormValues {
  return {
    name: webhook.name,
    active: webhook.active,
    trigger: webhook.trigger,
    trigger_element: webhook.trigger_element,
    prokey_filter: webhook.prokey_filter ?? "",
    filters: Object.fromEntries(Object.entries(webhook.filters).map(([key, value]) => [key, String(value)])),
    method: webhook.method,
    payload_url: webhook.payload_url,
    content_type: webhook.content_type,
    header: webhook.header.map(({ key, value }) => ({ key, value })),
    body: webhook.body.map(({ key, value }) => ({ key, value })),
  };
}

// Filters of another element (left over from an earlier choice) and empty filter fields are not sent.
export function toWebhookInput(values: WebhookFormValues, element: ElementInfo | undefined) {
  const filters: Record<string, string> = {};
  for (const field of element?.filters ?? []) {
    const value = values.filters[field.key]?.trim();
    if (value) filters[field.key] = value;
  }
  return {
    ...values,
    prokey_filter: element?.prokeyFilter && values.prokey_filter.trim() ? values.prokey_filter.trim() : null,
    filters,
  };
}

const topLevelFields = new Set([
  "name",
  "active",
  "trigger",
  "trigger_element",
  "method",
  "payload_url",
  "content_type",
]);

// The form field that shows a server-side issue (`header.1.key` → that cell), or null when no field does.
export function formFieldOf(
  path: string,
  values: WebhookFormValues,
  element: ElementInfo | undefined,
): string | null {
  if (topLevelFields.has(path)) return path;
  if (path === "prokey_filter") return element?.prokeyFilter ? path : null;
  const [first, second, third, ...rest] = path.split(".");
  if (first === "filters" && second && third === undefined) {
    return element?.filters.some((field) => field.key === second) ? path : null;
  }
  if (
    (first === "header" || first === "body") &&
    (third === "key" || third === "value") &&
    rest.length === 0
  ) {
    const index = Number(second);
    return Number.isInteger(index) && index >= 0 && index < values[first].length ? path : null;
  }
  return null;
}
