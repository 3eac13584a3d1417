import type { InboxResult } from "@/lib/inbox/inboxes";
import { ApiError } from "./errors";

export const inboxNotFound = () => new ApiError("not_found", "inboxNotFound");
export const inboxRequestNotFound = () => new ApiError("not_found", "inboxRequestNotFound");

// The stored inbox, 404, or 422 with one issue per field.
export function inboxResponse(result: InboxResult, status: 200 | 201): Response {
  if (result.ok) {
    const headers: Record<string, string> =
      status === 201 ? { Location: `/api/v1/inbox/${result.inbox.id}` } : {};
    return Response.json(result.inbox, { status, headers });
  }
  if (result.error === "not_found") throw inboxNotFound();
  if (result.error === "limit_reached") {
    throw new ApiError("conflict", "inboxLimit", { values: { limit: result.limit } });
  }
  throw new ApiError("validation_failed", "inboxInvalid", { issues: result.issues });
}
