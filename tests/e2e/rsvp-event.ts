import { randomUUID } from "node:crypto";
import { type APIRequestContext, expect } from "@playwright/test";
import { e2eEnv } from "./e2e-env.mjs";

/**
 * Posts an RSVP answer's update to the internal event route, as the host platform does, and expects it
 * accepted. Specs give each webhook a prokey of its own, so no other spec's event reaches it.
 * Returns the element's id and the route's answer.
 */
export async function postRsvpUpdate(
  request: APIRequestContext,
  prokey: string,
): Promise<{ elementId: string; accepted: { deliveries?: number } }> {
  const elementId = randomUUID();
  const accepted = await postEvent(request, {
    trigger_element: "rsvp_answer",
    trigger: "update",
    data: {
      id: elementId,
      status: "confirmed",
      email: "mara.klein@example.de",
      amount: 1,
      payload: { first_name: "Mara" },
      prokey,
      date_created: "2026-03-02T09:14:27.318Z",
      date_updated: "2026-03-03T10:00:00.000Z",
    },
  });
  return { elementId, accepted };
}

/** Posts an event to the internal event route, as the host platform does, and expects it accepted. */
export async function postEvent(
  request: APIRequestContext,
  event: { trigger_element: string; trigger: string; data: Record<string, unknown> },
): Promise<{ event_id?: string; deliveries?: number }> {
  const response = await request.post("/api/internal/events", {
    headers: { authorization: `Bearer ${e2eEnv.INTERNAL_TOKEN}` },
    data: event,
  });
  expect(response.status(), await response.text()).toBe(202);
  return response.json();
}
