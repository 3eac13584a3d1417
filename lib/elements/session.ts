import { z } from "zod";
import { defineElement } from "./types";

const sessionSchema = z.looseObject({
  id: z.string().min(1),
  title: z.string(),
  description: z.string().optional(),
  track: z.string().nullable().optional(),
  room: z.string().nullable().optional(),
  format: z.enum(["live", "on_demand", "hybrid"]).optional(),
  start_time: z.iso.datetime().optional(),
  end_time: z.iso.datetime().optional(),
  capacity: z.int().min(0).nullable().optional(),
  booked_count: z.int().min(0).nullable().optional(),
  speakers: z.array(z.looseObject({ name: z.string(), company: z.string().optional() })).optional(),
  // Who booked, unbooked, joined or watched; missing when the session is created.
  attendee: z.looseObject({ id: z.string(), name: z.string(), email: z.email() }).optional(),
  // Join only.
  joined_at: z.iso.datetime().optional(),
  // Watch only.
  watch_duration_seconds: z.int().min(0).optional(),
});

const created: z.input<typeof sessionSchema> = {
  id: "ses_3Rt9",
  title: "Laden im Depot: Lessons Learned",
  description: "Praxisbericht aus drei Verkehrsbetrieben.",
  track: "Infrastruktur",
  room: "Saal 2",
  format: "hybrid",
  start_time: "2026-06-18T09:00:00Z",
  end_time: "2026-06-18T09:45:00Z",
  capacity: 120,
  booked_count: 87,
  speakers: [{ name: "Dr. Katrin Vogel", company: "Stadtwerke Nordhafen" }],
};

const booked: z.input<typeof sessionSchema> = {
  ...created,
  booked_count: 88,
  attendee: { id: "att_5Hq81ZrT", name: "Selin Yılmaz", email: "s.yilmaz@example.com" },
};

// Canapii: a programme session; the element is the webhook's `data` object.
export const session = defineElement({
  key: "session",
  family: "canapii",
  triggers: ["create", "book", "unbook", "join", "watch"],
  idOnlyTriggers: [],
  schema: sessionSchema,
  idSchema: z.string().min(1),
  sample: booked,
  samplesByTrigger: {
    create: { ...created, booked_count: 0 },
    unbook: { ...booked, booked_count: 87 },
    join: { ...booked, joined_at: "2026-06-18T09:02:41Z" },
    watch: { ...booked, watch_duration_seconds: 2310 },
  },
  fieldsByTrigger: {
    attendee: ["book", "unbook", "join", "watch"],
    joined_at: ["join"],
    watch_duration_seconds: ["watch"],
  },
  prokeyFilter: false,
  filters: [],
});
