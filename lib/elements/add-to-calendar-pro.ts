import { z } from "zod";

// What every Add to Calendar PRO element shares: its family, create/update/delete (a delete sends only
// the id), and the creation and change dates.
export const addToCalendarProTriggers = {
  family: "add_to_calendar_pro",
  triggers: ["create", "update", "delete"],
  idOnlyTriggers: ["delete"],
} as const;

export const timestampFields = {
  date_created: z.iso.datetime(),
  date_updated: z.iso.datetime().nullable().optional(),
};

// Styles and templates: the API returns the id as a number, but as a numeric string ("67") right after creating.
export const numericId = z.coerce.number().int().positive();
