import { z } from "zod";
import { addToCalendarProTriggers, timestampFields } from "./add-to-calendar-pro";
import { defineElement } from "./types";

const eventDateSchema = z.looseObject({
  name: z.string(),
  // HTML limited to p, strong, em, u, h1–h4, ul, ol, li and a.
  description: z.string().nullable().optional(),
  startDate: z.iso.date(),
  endDate: z.iso.date().nullable().optional(),
  // All-day dates have no times.
  startTime: z.iso.time().nullable().optional(),
  endTime: z.iso.time().nullable().optional(),
  timeZone: z.string().optional(),
  location: z.string().nullable().optional(),
  status: z.enum(["CONFIRMED", "TENTATIVE", "CANCELLED"]).optional(),
  availability: z.enum(["free", "busy"]).optional(),
  organizer_name: z.string().nullable().optional(),
  organizer_email: z.email().nullable().optional(),
  attendee_name: z.string().nullable().optional(),
  attendee_email: z.email().nullable().optional(),
});

const eventSchema = z.looseObject({
  prokey: z.uuid(),
  status: z.enum(["published", "draft"]).optional(),
  dates: z.array(eventDateSchema).min(1),
  title_event_series: z.string().nullable().optional(),
  simplified_recurrence: z.boolean().optional(),
  recurrence: z.string().nullable().optional(),
  recurrence_simple_type: z.enum(["daily", "weekly", "monthly", "yearly"]).nullable().optional(),
  recurrence_interval: z.int().min(1).nullable().optional(),
  recurrence_count: z.int().min(1).nullable().optional(),
  recurrence_byDay: z.string().nullable().optional(),
  recurrence_byMonthDay: z.string().nullable().optional(),
  recurrence_byMonth: z.string().nullable().optional(),
  recurrence_weekstart: z.string().nullable().optional(),
  // "layout" is the API's name for a style.
  layout: z.int().nullable().optional(),
  landingpage: z.int().nullable().optional(),
  iCalFileName: z.string().nullable().optional(),
  rsvp: z.boolean().optional(),
  rsvp_block: z.int().nullable().optional(),
  cta: z.boolean().optional(),
  cta_block: z.int().nullable().optional(),
  hideButton: z.boolean().optional(),
  distribution: z.boolean().optional(),
  // A revision counter that the API sends as a numeric string.
  sequence: z.string().regex(/^\d+$/).optional(),
  // Older API revisions sent a bare uuid here; the current one sends `{ prokey }`.
  event_group: z.looseObject({ prokey: z.uuid() }).nullable().optional(),
  ...timestampFields,
});

// Add to Calendar PRO: an event with one or more dates, keyed by its prokey.
export const event = defineElement({
  key: "event",
  ...addToCalendarProTriggers,
  schema: eventSchema,
  // On delete, `id` carries the prokey.
  idSchema: z.uuid(),
  sample: {
    prokey: "b7e19d42-5c3a-4f8e-a6d1-92c0e4f7a358",
    status: "published",
    dates: [
      {
        name: "Partnertag Hamburg 2026",
        description: "<p>Keynotes, Workshops und Networking in der Speicherstadt.</p>",
        startDate: "2026-05-21",
        startTime: "09:30",
        endDate: "2026-05-21",
        endTime: "17:00",
        timeZone: "Europe/Berlin",
        location: "Speicherforum, Am Sandtorkai 12, 20457 Hamburg",
        status: "CONFIRMED",
        availability: "busy",
        organizer_name: "Nordwind Events",
        organizer_email: "events@nordwind.example",
      },
    ],
    title_event_series: null,
    simplified_recurrence: true,
    recurrence: null,
    recurrence_simple_type: null,
    recurrence_interval: null,
    recurrence_count: null,
    recurrence_byDay: null,
    recurrence_byMonthDay: null,
    recurrence_byMonth: null,
    recurrence_weekstart: null,
    layout: 112,
    landingpage: 45,
    iCalFileName: null,
    rsvp: true,
    rsvp_block: 88,
    cta: false,
    cta_block: null,
    hideButton: false,
    distribution: true,
    sequence: "3",
    date_created: "2026-02-11T10:05:44.120Z",
    date_updated: "2026-03-01T08:12:09.771Z",
    event_group: { prokey: "5d0a8c71-2e96-4b3f-8f47-c1a9e3d26b04" },
  },
  prokeyFilter: false,
  filters: [],
});
