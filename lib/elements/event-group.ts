import { z } from "zod";
import { addToCalendarProTriggers, timestampFields } from "./add-to-calendar-pro";
import { defineElement } from "./types";

// Add to Calendar PRO: a group of events (deleting it deletes its events too), keyed by its prokey.
export const eventGroup = defineElement({
  key: "event_group",
  ...addToCalendarProTriggers,
  schema: z.looseObject({
    prokey: z.uuid(),
    name: z.string(),
    status: z.enum(["published", "draft"]).optional(),
    internal_note: z.string().nullable().optional(),
    subscription: z.enum(["no", "external"]).optional(),
    // Usually an .ics address, possibly with the webcal scheme.
    subscription_cal_url: z.url().nullable().optional(),
    layout: z.int().nullable().optional(),
    landingpage: z.int().nullable().optional(),
    cta: z.boolean().optional(),
    cta_block: z.int().nullable().optional(),
    events: z.array(z.uuid()).optional(),
    ...timestampFields,
  }),
  // On delete, `id` carries the prokey.
  idSchema: z.uuid(),
  sample: {
    prokey: "5d0a8c71-2e96-4b3f-8f47-c1a9e3d26b04",
    name: "Partnertage 2026",
    status: "published",
    internal_note: "Budget Q2, Ansprechpartner: J. Weber",
    subscription: "no",
    subscription_cal_url: null,
    layout: 112,
    landingpage: 45,
    cta: true,
    cta_block: 31,
    events: ["b7e19d42-5c3a-4f8e-a6d1-92c0e4f7a358", "e2c4f8a1-7b35-4d9e-b0c6-3a5f1d8e9b27"],
    date_created: "2026-01-20T13:30:00.482Z",
    date_updated: "2026-02-11T10:05:44.301Z",
  },
  prokeyFilter: false,
  filters: [],
});
