import type { FieldIssue } from "@/lib/validation/issues";

// What every server action answers: its data, or a code the page turns into words, with one localized
// issue per refused field when the input was refused. Not a "use server" file: it only holds the shape.

export type ActionCode =
  | "forbidden"
  | "not_found"
  | "stale"
  | "validation_failed"
  | "last_owner"
  | "not_failed"
  | "webhook_disabled"
  | "in_flight"
  | "succeeded"
  | "webhook_other_trigger"
  | "invite_invalid"
  | "rate_limited"
  | "limit_reached";

export type ActionResult<T = null, Code extends ActionCode = ActionCode> =
  | { ok: true; data: T }
  | { ok: false; error: Code; issues?: FieldIssue[] };

export function succeeded<T>(data: T): { ok: true; data: T } {
  return { ok: true, data };
}

export function failed<Code extends ActionCode>(
  error: Code,
  issues?: FieldIssue[],
): { ok: false; error: Code; issues?: FieldIssue[] } {
  return issues ? { ok: false, error, issues } : { ok: false, error };
}
