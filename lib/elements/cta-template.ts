import { z } from "zod";
import { addToCalendarProTriggers, numericId, timestampFields } from "./add-to-calendar-pro";
import { formFieldSchema } from "./rsvp-template";
import { defineElement } from "./types";

// Add to Calendar PRO: the call to action shown after someone saved an event to their calendar.
export const ctaTemplate = defineElement({
  key: "cta_template",
  ...addToCalendarProTriggers,
  schema: z.looseObject({
    id: numericId,
    name: z.string(),
    type: z.enum(["none", "text", "link", "share", "form"]).optional(),
    headline: z.string().optional(),
    text: z.string().optional(),
    // Used when `type` is `form`.
    fields: z.array(formFieldSchema).optional(),
    // The link target, or the endpoint that receives the form data.
    url: z.url().nullable().optional(),
    button_label: z.string().optional(),
    ...timestampFields,
  }),
  idSchema: numericId,
  sample: {
    id: 31,
    name: "Newsletter nach Speichern",
    type: "form",
    headline: "Bleib auf dem Laufenden",
    text: "Einmal im Monat News zu unseren Events.",
    fields: [
      { type: "text", name: "email", label: "", required: true, placeholder: "E-Mail-Adresse" },
      {
        type: "checkbox",
        name: "consent",
        label: "Ja, ich möchte den Newsletter erhalten.",
        required: true,
        default: false,
      },
    ],
    url: "https://crm.nordwind.example/hooks/newsletter",
    button_label: "Anmelden",
    date_created: "2025-12-02T08:30:12.777Z",
    date_updated: "2026-02-03T12:01:49.158Z",
  },
  prokeyFilter: false,
  filters: [],
});
