import { z } from "zod";
import { defineElement } from "./types";

// Canapii: a person registered for the event; the element is the webhook's `data` object.
export const attendee = defineElement({
  key: "attendee",
  family: "canapii",
  triggers: ["create", "update", "delete"],
  idOnlyTriggers: ["delete"],
  schema: z.looseObject({
    id: z.string().min(1),
    email: z.email(),
    first_name: z.string(),
    last_name: z.string(),
    company: z.string().nullable().optional(),
    job_title: z.string().nullable().optional(),
    // ISO 3166 country code.
    country: z.string().nullable().optional(),
    phone: z.string().nullable().optional(),
    ticket_type: z.looseObject({ id: z.string(), name: z.string().optional() }).optional(),
    // Delegate, Speaker, Sponsor, Staff, … as the organizer names them.
    attendee_type: z.string().optional(),
    language: z.string().optional(),
    registration_status: z.enum(["registered", "checked_in", "cancelled"]).optional(),
    // Custom registration questions: one answer, or several for multiple choice.
    registration_answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
    registered_at: z.iso.datetime().optional(),
    updated_at: z.iso.datetime().optional(),
  }),
  idSchema: z.string().min(1),
  sample: {
    id: "att_5Hq81ZrT",
    email: "s.yilmaz@example.com",
    first_name: "Selin",
    last_name: "Yılmaz",
    company: "Bahnwerk Consulting",
    job_title: "Head of Partnerships",
    country: "DE",
    phone: null,
    ticket_type: { id: "tt_sponsor", name: "Sponsor" },
    attendee_type: "Sponsor",
    language: "de",
    registration_status: "registered",
    registration_answers: { interests: ["E-Mobilität", "Logistik"], dietary: "vegan" },
    registered_at: "2026-06-03T07:41:18Z",
    updated_at: "2026-06-03T07:41:18Z",
  },
  prokeyFilter: false,
  // Canapii's "Target attendees".
  filters: [
    { key: "ticket_type", path: "ticket_type.id", type: "string" },
    { key: "attendee_type", path: "attendee_type", type: "string" },
    { key: "language", path: "language", type: "string" },
  ],
});
