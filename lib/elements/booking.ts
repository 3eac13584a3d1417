import { z } from "zod";
import { defineElement } from "./types";

const languageSchema = z.looseObject({ locale: z.string() });

const bookingSchema = z.looseObject({
  uid: z.string().min(1),
  bookingId: z.int().optional(),
  // Slug of the event type.
  type: z.string().optional(),
  title: z.string(),
  eventTitle: z.string().optional(),
  eventDescription: z.string().nullable().optional(),
  description: z.string().optional(),
  additionalNotes: z.string().optional(),
  eventTypeId: z.int().optional(),
  startTime: z.iso.datetime(),
  endTime: z.iso.datetime(),
  length: z.int().optional(),
  // A place, or an app reference such as `integrations:daily`.
  location: z.string().optional(),
  organizer: z
    .looseObject({
      id: z.int().optional(),
      name: z.string(),
      email: z.email(),
      username: z.string().optional(),
      timeZone: z.string().optional(),
      language: languageSchema.optional(),
      // Usually "HH:mm" or "h:mma", but some versions send 12 or 24.
      timeFormat: z.union([z.string(), z.int()]).optional(),
      utcOffset: z.int().optional(),
    })
    .optional(),
  // The booker first, then any guests.
  attendees: z
    .array(
      z.looseObject({
        name: z.string(),
        email: z.email(),
        firstName: z.string().optional(),
        lastName: z.string().optional(),
        timeZone: z.string().optional(),
        language: languageSchema.optional(),
        utcOffset: z.int().optional(),
        phoneNumber: z.string().nullable().optional(),
      }),
    )
    .optional(),
  // Booking-form answers keyed by field (name, email, notes, guests, rescheduleReason, …).
  responses: z
    .record(
      z.string(),
      z.looseObject({ label: z.string().optional(), value: z.unknown(), isHidden: z.boolean().optional() }),
    )
    .optional(),
  userFieldsResponses: z.record(z.string(), z.unknown()).optional(),
  customInputs: z.record(z.string(), z.unknown()).optional(),
  iCalUID: z.string().optional(),
  iCalSequence: z.int().min(0).optional(),
  status: z.enum(["ACCEPTED", "PENDING", "CANCELLED", "REJECTED"]).optional(),
  requiresConfirmation: z.boolean().nullable().optional(),
  bookerUrl: z.url().optional(),
  // In the currency's minor units.
  price: z.int().nullable().optional(),
  currency: z.string().optional(),
  videoCallData: z
    .looseObject({
      type: z.string().optional(),
      id: z.string().optional(),
      password: z.string().optional(),
      url: z.url().optional(),
    })
    .optional(),
  // `metadata[key]=value` from the booking link arrives here as strings, beside Cal.com's own `videoCallUrl`.
  metadata: z.looseObject({ videoCallUrl: z.url().optional() }).catchall(z.string()).optional(),
  // Team event types only.
  team: z.looseObject({ name: z.string(), members: z.array(z.string()).optional() }).optional(),
  organizationId: z.int().nullable().optional(),
  // Reschedule only: the previous booking (`uid` and `bookingId` name the new one).
  rescheduleUid: z.string().optional(),
  rescheduleId: z.int().optional(),
  rescheduleStartTime: z.iso.datetime().optional(),
  rescheduleEndTime: z.iso.datetime().optional(),
  // Cancel only.
  cancellationReason: z.string().nullable().optional(),
  requestReschedule: z.boolean().optional(),
});

type BookingInput = z.input<typeof bookingSchema>;

const created: BookingInput = {
  bookerUrl: "https://cal.com",
  type: "onboarding-30",
  title: "Onboarding-Call zwischen Miriam Brandt und Tobias Keller",
  eventTitle: "Onboarding-Call",
  eventDescription: "30 Minuten Einrichtung mit dem Success-Team.",
  description: "",
  additionalNotes: "Bitte kurz den CSV-Import ansprechen.",
  eventTypeId: 48213,
  location: "integrations:daily",
  startTime: "2026-04-16T12:00:00Z",
  endTime: "2026-04-16T12:30:00Z",
  length: 30,
  organizer: {
    id: 9021,
    name: "Miriam Brandt",
    email: "miriam.brandt@example.com",
    username: "miriam-brandt",
    timeZone: "Europe/Berlin",
    language: { locale: "de" },
    timeFormat: "HH:mm",
    utcOffset: 120,
  },
  attendees: [
    {
      name: "Tobias Keller",
      firstName: "Tobias",
      lastName: "Keller",
      email: "t.keller@example.org",
      timeZone: "Europe/Vienna",
      language: { locale: "de" },
      utcOffset: 120,
    },
  ],
  responses: {
    name: { label: "your_name", value: "Tobias Keller", isHidden: false },
    email: { label: "email_address", value: "t.keller@example.org", isHidden: false },
    notes: { label: "additional_notes", value: "Bitte kurz den CSV-Import ansprechen.", isHidden: false },
    guests: { label: "additional_guests", value: [], isHidden: false },
  },
  userFieldsResponses: {},
  customInputs: {},
  uid: "k3Xq9VbT2mLr8sWn4eJd7A",
  bookingId: 730154,
  iCalUID: "k3Xq9VbT2mLr8sWn4eJd7A@Cal.com",
  iCalSequence: 0,
  status: "ACCEPTED",
  requiresConfirmation: false,
  price: 0,
  currency: "eur",
  videoCallData: {
    type: "daily_video",
    id: "k3Xq9VbT2mLr8sWn4eJd7A",
    password: "",
    url: "https://app.cal.com/video/k3Xq9VbT2mLr8sWn4eJd7A",
  },
  metadata: { videoCallUrl: "https://app.cal.com/video/k3Xq9VbT2mLr8sWn4eJd7A", user_id: "4711" },
};

// Cal.com sends no video call data for a cancelled booking.
const { videoCallData: _videoCallData, ...cancelledBase } = created;

// Cal.com: a booking of an event type; the element is the webhook's `payload` object.
export const booking = defineElement({
  key: "booking",
  family: "calcom",
  triggers: ["create", "reschedule", "cancel"],
  // A cancelled booking still carries the whole booking.
  idOnlyTriggers: [],
  schema: bookingSchema,
  idSchema: z.string().min(1),
  sample: created,
  samplesByTrigger: {
    reschedule: {
      ...created,
      startTime: "2026-04-17T08:00:00Z",
      endTime: "2026-04-17T08:30:00Z",
      uid: "Pz7rW2cN5hQa1tYk9mVb3E",
      bookingId: 731020,
      rescheduleUid: "k3Xq9VbT2mLr8sWn4eJd7A",
      rescheduleId: 730154,
      rescheduleStartTime: "2026-04-16T12:00:00Z",
      rescheduleEndTime: "2026-04-16T12:30:00Z",
      iCalSequence: 1,
    },
    cancel: {
      ...cancelledBase,
      status: "CANCELLED",
      cancellationReason: "Termin kollidiert mit Messe.",
      requestReschedule: false,
    },
  },
  fieldsByTrigger: {
    rescheduleUid: ["reschedule"],
    rescheduleId: ["reschedule"],
    rescheduleStartTime: ["reschedule"],
    rescheduleEndTime: ["reschedule"],
    cancellationReason: ["cancel"],
    requestReschedule: ["cancel"],
  },
  prokeyFilter: false,
  filters: [{ key: "event_type_id", path: "eventTypeId", type: "integer" }],
});
