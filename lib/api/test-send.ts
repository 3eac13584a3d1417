import "server-only";
import type { Messages } from "next-intl";
import { createTranslator } from "use-intl/core";
import type { Database } from "@/db";
import { errorKindKeys, type TestOutcome } from "@/lib/dispatch/test-outcome";
import type { TestSendResult } from "@/lib/dispatch/test-send";
import type { Locale } from "@/lib/i18n/routing";
import { messagesFor } from "@/lib/i18n/translator";
import { ApiError } from "./errors";
import { takeTestSend } from "./rate-limit";
import { readJson } from "./read-json";
import { webhookNotFound } from "./responses";

/** The test's body: optional, so a bare POST (no body, no Content-Type) sends the sample data. */
export async function readTestInput(request: Request): Promise<unknown> {
  const empty = request.headers.get("content-length") === "0" || request.body === null;
  if (empty && request.headers.get("content-type") === null) return {};
  return readJson(request);
}

/** Refuses with 429 and Retry-After when the workspace has sent its tests for now. */
export async function holdToTestLimit(db: Database, workspaceId: string): Promise<void> {
  const limit = await takeTestSend(db, workspaceId);
  if (!limit.ok) {
    throw new ApiError("rate_limited", "testSendRateLimited", {
      values: { seconds: limit.retryAfterSeconds },
      headers: { "Retry-After": String(limit.retryAfterSeconds) },
    });
  }
}

export type TestOutcomeJson = TestOutcome & { error_description: string | null };

/** The outcome as JSON, the error kind explained in the caller's language; or 404 / 422. */
export function testSendResponse(result: TestSendResult, locale: Locale): Response {
  if (!result.ok) {
    if (result.error === "not_found") throw webhookNotFound();
    throw new ApiError("validation_failed", "validationFailed", { issues: result.issues });
  }
  const { outcome } = result;
  const t = createTranslator({ locale, messages: messagesFor(locale) as Messages, namespace: "TestSend" });
  const body: TestOutcomeJson = {
    ...outcome,
    error_description: outcome.error_kind ? t(errorKindKeys[outcome.error_kind]) : null,
  };
  return Response.json(body);
}
