import { z } from "zod";
import { addToCalendarProTriggers, numericId, timestampFields } from "./add-to-calendar-pro";
import { defineElement } from "./types";

const hexColor = z.string().regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/);

// Add to Calendar PRO: the landing page shown for an event (images are set in the web app only).
export const landingpageTemplate = defineElement({
  key: "landingpage_template",
  ...addToCalendarProTriggers,
  schema: z.looseObject({
    id: numericId,
    name: z.string(),
    header_image: z.string().nullable().optional(),
    title: z.string().optional(),
    intro: z.string().optional(),
    legal: z.string().nullable().optional(),
    highlight_color: hexColor.optional(),
    // `preset` is an image from the library.
    background: z.enum(["solid", "gradient", "image", "preset"]).optional(),
    gradient_direction: z
      .enum(["linear-t", "linear-tr", "linear-r", "linear-br", "radial"])
      .nullable()
      .optional(),
    background_color_1: hexColor.optional(),
    // Only used for a gradient.
    background_color_2: hexColor.nullable().optional(),
    image: z.uuid().nullable().optional(),
    image_repeat: z.boolean().optional(),
    meta_title_override: z.string().nullable().optional(),
    meta_description_override: z.string().nullable().optional(),
    // true asks search engines not to index the page.
    meta_robots_override: z.boolean().optional(),
    custom_domain: z.int().nullable().optional(),
    ...timestampFields,
  }),
  idSchema: numericId,
  sample: {
    id: 45,
    name: "Partnertag LP",
    header_image: null,
    title: "Partnertag Hamburg 2026",
    intro: "<p>Ein Tag voller Impulse – sichere dir jetzt deinen Platz.</p>",
    legal:
      '<p>&copy; 2026 Nordwind Events GmbH · <a href="https://nordwind.example/impressum">Impressum</a></p>',
    highlight_color: "#e0662b",
    background: "gradient",
    gradient_direction: "linear-br",
    background_color_1: "#0b3d5c",
    background_color_2: "#146c94",
    image: null,
    image_repeat: false,
    meta_title_override: null,
    meta_robots_override: false,
    meta_description_override: null,
    custom_domain: 34,
    date_created: "2026-01-25T14:12:03.519Z",
    date_updated: "2026-02-10T07:55:26.840Z",
  },
  prokeyFilter: false,
  filters: [],
});
