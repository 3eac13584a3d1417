import { z } from "zod";
import { defineElement } from "./types";

const replySchema = z.enum(["pending", "accepted", "declined"]);

const meetingSchema = z.looseObject({
  id: z.string().min(1),
  title: z.string(),
  start_time: z.iso.datetime().optional(),
  end_time: z.iso.datetime().optional(),
  // A table or room, or `virtual`.
  location: z.string().optional(),
  meeting_url: z.url().nullable().optional(),
  status: z.enum(["booked", "rescheduled", "cancelled"]).optional(),
  organizer: z.looseObject({ id: z.string(), name: z.string(), email: z.email() }).optional(),
  attendees: z
    .array(z.looseObject({ id: z.string(), name: z.string(), email: z.email(), status: replySchema }))
    .optional(),
  // Reschedule only.
  previous_start_time: z.iso.datetime().optional(),
  previous_end_time: z.iso.datetime().optional(),
  // Cancel only.
  cancellation_reason: z.string().nullable().optional(),
  // Attendee status updates only: who replied, and how.
  changed_attendee: z.looseObject({ id: z.string(), status: replySchema }).optional(),
});

const booked: z.input<typeof meetingSchema> = {
  id: "mtg_77Lw0p",
  title: "Kennenlernen Bahnwerk × Voltara",
  start_time: "2026-06-18T13:00:00Z",
  end_time: "2026-06-18T13:30:00Z",
  location: "Meeting-Lounge B, Tisch 4",
  meeting_url: null,
  status: "booked",
  organizer: { id: "att_5Hq81ZrT", name: "Selin Yılmaz", email: "s.yilmaz@example.com" },
  attendees: [
    { id: "att_0Pc3Xe9d", name: "Jonas Weber", email: "jonas.weber@example.net", status: "pending" },
  ],
};

// Canapii: a one-to-one meeting between attendees; the element is the webhook's `data` object.
export const meeting = defineElement({
  key: "meeting",
  family: "canapii",
  triggers: ["book", "reschedule", "cancel", "update_attendee_status"],
  idOnlyTriggers: [],
  schema: meetingSchema,
  idSchema: z.string().min(1),
  sample: booked,
  samplesByTrigger: {
    reschedule: {
      ...booked,
      start_time: "2026-06-18T15:00:00Z",
      end_time: "2026-06-18T15:30:00Z",
      status: "rescheduled",
      previous_start_time: "2026-06-18T13:00:00Z",
      previous_end_time: "2026-06-18T13:30:00Z",
    },
    cancel: {
      ...booked,
      status: "cancelled",
      cancellation_reason: "Flug gestrichen, ich schaffe es nicht rechtzeitig.",
    },
    update_attendee_status: {
      ...booked,
      attendees: [
        { id: "att_0Pc3Xe9d", name: "Jonas Weber", email: "jonas.weber@example.net", status: "accepted" },
      ],
      changed_attendee: { id: "att_0Pc3Xe9d", status: "accepted" },
    },
  },
  fieldsByTrigger: {
    previous_start_time: ["reschedule"],
    previous_end_time: ["reschedule"],
    cancellation_reason: ["cancel"],
    changed_attendee: ["update_attendee_status"],
  },
  prokeyFilter: false,
  filters: [],
});
