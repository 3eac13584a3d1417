import "server-only";
import type { FilterValues } from "@/db/schema";
import type { ElementDefinition } from "@/lib/elements";
import { valueAtPath } from "@/lib/templates/path";

type Filterable = { prokey_filter: string | null; filters: FilterValues };

// Whether a webhook's filters let this event through: the prokey filter, then every element filter.
// Filter values are compared as text, so `48213` matches an event type id sent as number or string.
export function passesFilters(
  webhook: Filterable,
  element: ElementDefinition,
  event: { prokey: string | null; data: Record<string, unknown> },
): boolean {
  if (webhook.prokey_filter && webhook.prokey_filter !== event.prokey) return false;
  return Object.entries(webhook.filters).every(([key, expected]) => {
    const field = element.filters.find((filter) => filter.key === key);
    if (!field) return false;
    const actual = valueAtPath(event.data, field.path.split("."));
    if (!actual.found) return false;
    return actual.value !== undefined && actual.value !== null && String(actual.value) === String(expected);
  });
}
