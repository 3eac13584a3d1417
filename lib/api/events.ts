import "server-only";
import { getDb } from "@/lib/db";
import { acceptEvent } from "@/lib/dispatch/accept";
import { parseEvent } from "@/lib/dispatch/event-input";
import type { Locale } from "@/lib/i18n/routing";
import { ApiError } from "./errors";

// 202: the event and its deliveries are committed; delivery itself happens in the workers. A repeat of an
// idempotency key gets the first answer again, marked with `Idempotent-Replayed: true`.
export async function acceptEventResponse(
  workspaceId: string,
  input: unknown,
  locale: Locale,
  headers: Headers,
): Promise<Response> {
  const parsed = parseEvent(input, locale, headers.get("idempotency-key"));
  // The issues' message keys are put into the caller's words by the error envelope (errors.ts).
  if (!parsed.ok) throw new ApiError("validation_failed", "eventInvalid", { issues: parsed.issues });
  const { replayed, ...accepted } = await acceptEvent(await getDb(), workspaceId, parsed.event);
  return Response.json(accepted, {
    status: 202,
    headers: replayed ? { "idempotent-replayed": "true" } : undefined,
  });
}
