import type { Messages } from "next-intl";
import { createTranslator } from "use-intl/core";
import type { Locale } from "@/lib/i18n/routing";
import { messagesFor, validationTranslator } from "@/lib/i18n/translator";
import { type FieldIssue, localizeIssues } from "@/lib/validation/issues";

// The one error envelope of every /api/v1 endpoint: { error: { code, message, issues? } }.
export const errorStatus = {
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  validation_failed: 422,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;
export type ApiMessageKey = keyof Messages["Api"];
type Values = Record<string, string | number>;

export type ErrorBody = { error: { code: ErrorCode; message: string; issues?: FieldIssue[] } };

/** Thrown anywhere below a route; `apiRoute` turns it into the envelope in the caller's language. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly messageKey: ApiMessageKey,
    readonly details: { values?: Values; issues?: FieldIssue[]; headers?: Record<string, string> } = {},
  ) {
    super(`${code}: ${messageKey}`);
    this.name = "ApiError";
  }
}

export function apiTranslator(locale: Locale) {
  return createTranslator({ locale, messages: messagesFor(locale) as Messages, namespace: "Api" });
}

// Issues carry message keys (lib/validation/issues.ts): they are put into the caller's words here.
export function errorResponse(error: ApiError, locale: Locale): Response {
  const t = apiTranslator(locale);
  // The key is chosen at run time, so its ICU arguments cannot be checked here: `values` are the raiser's.
  const { values, issues, headers } = error.details;
  const localized = issues ? { issues: localizeIssues(issues, validationTranslator(locale)) } : {};
  const body: ErrorBody = {
    error: { code: error.code, message: t(error.messageKey, values as never), ...localized },
  };
  return Response.json(body, { status: errorStatus[error.code], headers });
}
