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
  const response = await request.post("/api/internal/events", {
    headers: { authorization: `Bearer ${e2eEnv.INTERNAL_TOKEN}` },
    data: {
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
    },
  });
  expect(response.status(), await response.text()).toBe(202);
  return { elementId, accepted: await response.json() };
}
