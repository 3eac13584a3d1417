import type { z } from "zod";
import { toFieldIssues } from "@/lib/validation/issues";
import { ApiError, type ApiMessageKey } from "./errors";
import { readJson } from "./read-json";

// Shared by the event log and recovery routes (app/api/v1/events, deliveries, webhook/{id}/recover, …).

export const eventNotFound = () => new ApiError("not_found", "eventNotFound");
export const deliveryNotFound = () => new ApiError("not_found", "deliveryNotFound");

/** Why a recovery step was refused, as the domain says it, in HTTP. */
export function refusal(
  error: "webhook_disabled" | "in_flight" | "succeeded" | "webhook_other_trigger",
): ApiError {
  const keys: Record<typeof error, ApiMessageKey> = {
    webhook_disabled: "webhookDisabled",
    in_flight: "deliveryInFlight",
    succeeded: "deliverySucceeded",
    webhook_other_trigger: "webhookOtherTrigger",
  };
  return new ApiError(error === "webhook_other_trigger" ? "validation_failed" : "conflict", keys[error]);
}

/** The query string parsed by `schema`, or 422 with an issue per parameter. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    throw new ApiError("validation_failed", "queryInvalid", { issues: toFieldIssues(parsed.error) });
  }
  return parsed.data;
}

/** A JSON body parsed by `schema`; with `optional`, a request without a body reads as `{}`. */
export async function parseBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  { optional = false } = {},
): Promise<z.infer<S>> {
  const empty = request.headers.get("content-length") === "0" || request.body === null;
  const input = optional && empty && !request.headers.get("content-type") ? {} : await readJson(request);
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new ApiError("validation_failed", "requestInvalid", { issues: toFieldIssues(parsed.error) });
  }
  return parsed.data;
}
