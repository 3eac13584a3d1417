import { z } from "zod";
import { addToCalendarProTriggers, timestampFields } from "./add-to-calendar-pro";
import { defineElement } from "./types";

// Add to Calendar PRO: one sign-up to an event's RSVP form.
export const rsvpAnswer = defineElement({
  key: "rsvp_answer",
  ...addToCalendarProTriggers,
  schema: z.looseObject({
    id: z.uuid(),
    // Documented values are `confirmed` and `undecided`; others (the "maybe" option) are not, so any string passes.
    status: z.string(),
    email: z.email(),
    amount: z.int().min(0),
    // Keys are the RSVP template's field names, known only per template.
    payload: z.looseObject({}).catchall(z.union([z.string(), z.boolean()])),
    prokey: z.uuid(),
    ...timestampFields,
  }),
  idSchema: z.uuid(),
  sample: {
    id: "3f6c2a9e-8b41-4d7a-9c25-1e0b7d4a6f13",
    status: "confirmed",
    email: "lena.hoffmann@example.de",
    amount: 2,
    payload: {
      first_name: "Lena",
      last_name: "Hoffmann",
      company: "Nordwind Logistik GmbH",
      dietary_note: "vegetarisch",
      privacy_consent: true,
    },
    prokey: "b7e19d42-5c3a-4f8e-a6d1-92c0e4f7a358",
    date_created: "2026-03-02T09:14:27.318Z",
    date_updated: "2026-03-04T16:40:02.905Z",
  },
  prokeyFilter: true,
  filters: [],
});
