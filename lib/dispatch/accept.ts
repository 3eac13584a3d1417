import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { deliveries, events, webhooks } from "@/db/schema";
import type { EventInput } from "./event-input";
import { passesFilters } from "./match";
import { wakeWorkers } from "./wake";

export type AcceptedEvent = { event_id: string; deliveries: number };

/**
 * Stores the event and one delivery per matching active webhook in one transaction: once this returns,
 * nothing of it can be lost, and the workers deliver it from the table.
 */
export async function acceptEvent(db: Database, input: EventInput): Promise<AcceptedEvent> {
  const accepted = await db.transaction(async (tx) => {
    const [event] = await tx
      .insert(events)
      .values({
        trigger_element: input.element.key,
        trigger: input.trigger,
        prokey: input.prokey,
        data: input.data,
      })
      .returning({ id: events.id });
    if (!event) throw new Error("insert returned no event");

    const candidates = await tx
      .select({ id: webhooks.id, prokey_filter: webhooks.prokey_filter, filters: webhooks.filters })
      .from(webhooks)
      .where(
        and(
          eq(webhooks.active, true),
          eq(webhooks.trigger_element, input.element.key),
          eq(webhooks.trigger, input.trigger),
        ),
      );
    const matching = candidates.filter((webhook) => passesFilters(webhook, input.element, input));
    if (matching.length > 0) {
      await tx
        .insert(deliveries)
        .values(matching.map((webhook) => ({ event_id: event.id, webhook_id: webhook.id })));
    }
    return { event_id: event.id, deliveries: matching.length };
  });
  if (accepted.deliveries > 0) wakeWorkers();
  return accepted;
}
