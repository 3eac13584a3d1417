import type { MutationResult } from "@/lib/webhooks/mutations";
import { ApiError } from "./errors";

export const webhookNotFound = () => new ApiError("not_found", "webhookNotFound");

// Maps a domain result to HTTP: the stored webhook, 404, or 422 with one issue per field or grid cell.
export function mutationResponse(result: MutationResult, status: 200 | 201): Response {
  if (result.ok) {
    const headers: Record<string, string> =
      status === 201 ? { Location: `/api/v1/webhook/${result.webhook.id}` } : {};
    return Response.json(result.webhook, { status, headers });
  }
  if (result.error === "not_found") throw webhookNotFound();
  throw new ApiError("validation_failed", "validationFailed", { issues: result.issues });
}
