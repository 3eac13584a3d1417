import { z } from "zod";
import { elementKeys } from "@/lib/elements";
import { issueMessage as m } from "@/lib/validation/issues";

// The event log's filters and a recovery's time: one schema each for the pages, the actions and the API.

export const EVENT_PAGE_SIZE = 50;
export const DELIVERY_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;
export const eventStates = ["failed", "pending"] as const;

const limit = z.coerce
  .number({ error: m("pageLimit", { max: MAX_PAGE_SIZE }) })
  .int({ error: m("pageLimit", { max: MAX_PAGE_SIZE }) })
  .min(1, { error: m("pageLimit", { max: MAX_PAGE_SIZE }) })
  .max(MAX_PAGE_SIZE, { error: m("pageLimit", { max: MAX_PAGE_SIZE }) });
const time = z.iso.datetime({ offset: true, error: m("dateTime") });

export const pageQuerySchema = z.object({
  before: z.uuid({ error: m("pageCursor") }).optional(),
  limit: limit.optional(),
});

export type PageQuery = z.infer<typeof pageQuerySchema>;

export const eventQuerySchema = pageQuerySchema.extend({
  element: z.enum(elementKeys as [string, ...string[]], { error: m("eventElement") }).optional(),
  trigger: z.string().trim().min(1).max(100).optional(),
  state: z.enum(eventStates, { error: m("eventState") }).optional(),
  from: time.optional(),
  to: time.optional(),
  search: z.string().trim().min(1).max(200).optional(),
});
export type EventQuery = z.infer<typeof eventQuerySchema>;

export const replayEventSchema = z.strictObject({
  webhook_id: z.uuid({ error: m("webhookId") }).optional(),
});

export const recoverSchema = z.strictObject({ since: time });
