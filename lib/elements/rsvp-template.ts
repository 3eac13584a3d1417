import { z } from "zod";
import { addToCalendarProTriggers, numericId, timestampFields } from "./add-to-calendar-pro";
import { defineElement } from "./types";

// One field of an RSVP or CTA form; answers arrive keyed by `name`.
export const formFieldSchema = z.looseObject({
  // Radios in a row form one group.
  type: z.enum(["text", "number", "checkbox", "radio", "label", "hidden"]),
  name: z.string(),
  label: z.string().optional(),
  // For a radio this holds the value it sends.
  placeholder: z.string().optional(),
  required: z.boolean().optional(),
  default: z.union([z.string(), z.boolean()]).optional(),
});

const emailTemplateId = z.int().nullable().optional();

// Add to Calendar PRO: the RSVP form of an event (its date comes from the linked event).
export const rsvpTemplate = defineElement({
  key: "rsvp_template",
  ...addToCalendarProTriggers,
  schema: z.looseObject({
    id: numericId,
    name: z.string(),
    // null means no limit.
    max: z.int().min(0).nullable().optional(),
    maxpp: z.int().min(1).optional(),
    expires: z.iso.datetime().nullable().optional(),
    maybe_option: z.boolean().optional(),
    initial_confirmation: z.boolean().optional(),
    doi: z.boolean().optional(),
    headline: z.string().optional(),
    text: z.string().optional(),
    fields: z.array(formFieldSchema).optional(),
    email_rsvp_doi: emailTemplateId,
    email_rsvp_thank_you: emailTemplateId,
    email_rsvp_signup_confirmation: emailTemplateId,
    email_rsvp_change_confirmation: emailTemplateId,
    email_rsvp_event_update: emailTemplateId,
    email_rsvp_magic_link: emailTemplateId,
    email_rsvp_second_signup: emailTemplateId,
    ...timestampFields,
  }),
  idSchema: numericId,
  sample: {
    id: 88,
    name: "Partnertag Anmeldung",
    max: 180,
    maxpp: 2,
    expires: "2026-05-14T21:59:00.000Z",
    maybe_option: true,
    initial_confirmation: false,
    doi: true,
    headline: "Sei beim Partnertag dabei!",
    text: "<p>Melde dich bis zum <strong>14. Mai</strong> an.</p>",
    fields: [
      { type: "text", name: "company", label: "Firma", required: true, placeholder: "Nordwind GmbH" },
      {
        type: "checkbox",
        name: "privacy_consent",
        label: "Ich akzeptiere die Datenschutzhinweise.",
        required: true,
        default: false,
      },
      { type: "hidden", name: "source", label: "", required: false, default: "newsletter-maerz" },
    ],
    email_rsvp_doi: 301,
    email_rsvp_thank_you: 302,
    email_rsvp_signup_confirmation: 303,
    email_rsvp_change_confirmation: 304,
    email_rsvp_event_update: 305,
    email_rsvp_magic_link: 306,
    email_rsvp_second_signup: null,
    date_created: "2026-01-22T11:00:41.230Z",
    date_updated: "2026-02-27T17:18:55.064Z",
  },
  prokeyFilter: false,
  filters: [],
});
