import type { Locale } from "@/lib/i18n/routing";
import { validationTranslator } from "@/lib/i18n/translator";
import type { InboxResult } from "@/lib/inbox/inboxes";
import type { InboxIssue } from "@/lib/inbox/schema";
import type { FieldIssue } from "@/lib/validation/issues";
import { ApiError } from "./errors";

export const inboxNotFound = () => new ApiError("not_found", "inboxNotFound");
export const inboxRequestNotFound = () => new ApiError("not_found", "inboxRequestNotFound");

/** Puts issues that carry message keys in the caller's language. */
export function localizeInboxIssues(issues: readonly InboxIssue[], locale: Locale): FieldIssue[] {
  const t = validationTranslator(locale);
  return issues.map(({ path, key, values }) => ({ path, message: t(key, values) }));
}

// The stored inbox, 404, or 422 with one issue per field.
export function inboxResponse(result: InboxResult, status: 200 | 201, locale: Locale): Response {
  if (result.ok) {
    const headers: Record<string, string> =
      status === 201 ? { Location: `/api/v1/inbox/${result.inbox.id}` } : {};
    return Response.json(result.inbox, { status, headers });
  }
  if (result.error === "not_found") throw inboxNotFound();
  throw new ApiError("validation_failed", "inboxInvalid", {
    issues: localizeInboxIssues(result.issues, locale),
  });
}
