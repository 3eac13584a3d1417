import "server-only";
import type { FilterValues } from "@/db/schema";
import type { ElementDefinition } from "@/lib/elements";

type Filterable = { prokey_filter: string | null; filters: FilterValues };

function valueAt(data: unknown, path: string): unknown {
  let current = data;
  for (const segment of path.split(".")) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

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
    const actual = valueAt(event.data, field.path);
    return actual !== undefined && actual !== null && String(actual) === String(expected);
  });
}
