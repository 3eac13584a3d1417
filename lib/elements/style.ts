import { z } from "zod";
import { addToCalendarProTriggers, numericId, timestampFields } from "./add-to-calendar-pro";
import { defineElement } from "./types";

const calendarOptions = z.array(
  z.enum(["apple", "google", "ical", "ms365", "msteams", "outlookcom", "yahoo"]),
);
// CSS custom properties (light/dark) or label texts, keyed by their name.
const stringMap = z.record(z.string(), z.string());

// Add to Calendar PRO: the look and behaviour of the button (events and groups call it `layout`).
export const style = defineElement({
  key: "style",
  ...addToCalendarProTriggers,
  schema: z.looseObject({
    id: numericId,
    name: z.string(),
    options: calendarOptions.optional(),
    optionsMobile: calendarOptions.nullable().optional(),
    optionsIOS: calendarOptions.nullable().optional(),
    buttonStyle: z
      .enum(["default", "3d", "flat", "round", "neumorphism", "text", "date", "custom"])
      .optional(),
    customCss: z.url().nullable().optional(),
    trigger: z.enum(["hover", "click"]).optional(),
    listStyle: z.enum(["dropdown", "dropdown-static", "dropup-static", "overlay", "modal"]).optional(),
    lightMode: z.enum(["light", "dark", "system", "bodyScheme"]).optional(),
    language: z.string().optional(),
    size: z
      .string()
      .regex(/^(?:[0-9]|10)$/)
      .optional(),
    pastDateHandling: z.enum(["none", "disable", "hide"]).optional(),
    inline: z.boolean().optional(),
    buttonsList: z.boolean().optional(),
    inlineRsvp: z.boolean().optional(),
    proxy: z.boolean().optional(),
    forceOverlay: z.boolean().optional(),
    load_async: z.boolean().optional(),
    bypassWebViewCheck: z.boolean().optional(),
    hideRichData: z.boolean().optional(),
    hideBranding: z.boolean().optional(),
    hideBackground: z.boolean().optional(),
    hideIconButton: z.boolean().optional(),
    hideIconList: z.boolean().optional(),
    hideIconModal: z.boolean().optional(),
    hideTextLabelButton: z.boolean().optional(),
    hideTextLabelList: z.boolean().optional(),
    hideCheckmark: z.boolean().optional(),
    customLabels: stringMap.nullable().optional(),
    styleLight: stringMap.nullable().optional(),
    styleDark: stringMap.nullable().optional(),
    images: z.array(z.url()).nullable().optional(),
    identifier: z.string().nullable().optional(),
    ...timestampFields,
  }),
  idSchema: numericId,
  sample: {
    id: 112,
    name: "Nordwind Corporate",
    options: ["apple", "google", "ms365", "outlookcom"],
    buttonStyle: "round",
    customCss: null,
    inline: false,
    buttonsList: false,
    trigger: "click",
    listStyle: "modal",
    hideBackground: false,
    hideIconButton: false,
    hideIconList: false,
    hideIconModal: false,
    hideTextLabelButton: false,
    hideTextLabelList: false,
    hideCheckmark: false,
    lightMode: "system",
    language: "de",
    customLabels: { "label.addtocalendar": "Termin speichern" },
    images: null,
    hideRichData: false,
    identifier: "partnertag-2026",
    bypassWebViewCheck: false,
    hideBranding: true,
    inlineRsvp: false,
    pastDateHandling: "disable",
    size: "5",
    proxy: true,
    forceOverlay: false,
    styleLight: { "--btn-background": "#0b3d5c" },
    styleDark: null,
    load_async: false,
    optionsMobile: null,
    optionsIOS: null,
    date_created: "2025-11-04T15:22:10.004Z",
    date_updated: "2026-01-18T09:47:33.612Z",
  },
  prokeyFilter: false,
  filters: [],
});
