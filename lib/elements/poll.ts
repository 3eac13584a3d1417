import { z } from "zod";
import { defineElement } from "./types";

const pollSchema = z.looseObject({
  id: z.string().min(1),
  question: z.string(),
  type: z.enum(["single_choice", "multiple_choice", "rating", "open_text"]).optional(),
  options: z.array(z.looseObject({ id: z.string(), label: z.string() })).optional(),
  // null for polls that run event-wide.
  session: z.looseObject({ id: z.string(), title: z.string() }).nullable().optional(),
  // Answer only.
  answer: z
    .looseObject({ option_ids: z.array(z.string()).optional(), text: z.string().nullable().optional() })
    .optional(),
  answered_at: z.iso.datetime().optional(),
  attendee: z.looseObject({ id: z.string(), name: z.string(), email: z.email() }).optional(),
});

const created: z.input<typeof pollSchema> = {
  id: "pol_12",
  question: "Wie lädt eure Flotte heute überwiegend?",
  type: "single_choice",
  options: [
    { id: "o1", label: "Depot" },
    { id: "o2", label: "Unterwegs" },
    { id: "o3", label: "Gemischt" },
  ],
  session: { id: "ses_3Rt9", title: "Laden im Depot: Lessons Learned" },
};

// Canapii: a poll in a session or across the event; the element is the webhook's `data` object.
export const poll = defineElement({
  key: "poll",
  family: "canapii",
  triggers: ["create", "answer"],
  idOnlyTriggers: [],
  schema: pollSchema,
  idSchema: z.string().min(1),
  sample: created,
  samplesByTrigger: {
    answer: {
      ...created,
      answer: { option_ids: ["o3"], text: null },
      answered_at: "2026-06-18T09:31:07Z",
      attendee: { id: "att_0Pc3Xe9d", name: "Jonas Weber", email: "jonas.weber@example.net" },
    },
  },
  fieldsByTrigger: {
    answer: ["answer"],
    answered_at: ["answer"],
    attendee: ["answer"],
  },
  prokeyFilter: false,
  filters: [],
});
