import { readOnlyFields, type Webhook } from "./schemas";

// Optional fields that `null` resets to their empty value in a partial update.
const clearable: Record<string, unknown> = { prokey_filter: null, filters: {}, header: [], body: [] };

function withoutReadOnly(input: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...input };
  for (const field of readOnlyFields) delete copy[field];
  return copy;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// A create request: read-only fields (id, dates) are ignored, so a fetched webhook can be posted again.
export function creationInput(input: unknown): unknown {
  return isPlainObject(input) ? withoutReadOnly(input) : input;
}

// A partial update: only the fields sent change, `null` clears an optional field. The merged whole is
// validated again, so cross-field rules (trigger of the element, variables of the trigger) still hold.
export function mergePatch(existing: Webhook, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const merged: Record<string, unknown> = withoutReadOnly(existing);
  for (const [field, value] of Object.entries(withoutReadOnly(patch))) {
    merged[field] = value === null && field in clearable ? clearable[field] : value;
  }
  return merged;
}
