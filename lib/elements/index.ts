import { attendee } from "./attendee";
import { booking } from "./booking";
import { ctaTemplate } from "./cta-template";
import { event } from "./event";
import { eventGroup } from "./event-group";
import { hooksmith } from "./hooksmith";
import { landingpageTemplate } from "./landingpage-template";
import { meeting } from "./meeting";
import { poll } from "./poll";
import { rsvpAnswer } from "./rsvp-answer";
import { rsvpTemplate } from "./rsvp-template";
import { session } from "./session";
import { sponsor } from "./sponsor";
import { style } from "./style";
import type { ElementDefinition, ElementFamily } from "./types";

export type { HooksmithTrigger } from "./hooksmith";
export * from "./types";
export * from "./variables";

// The whole catalog. Adding an element is adding its file and one line here.
// Grouped by family, in the order the element select shows them.
export const elements: readonly ElementDefinition[] = [
  // Add to Calendar PRO
  rsvpAnswer,
  event,
  eventGroup,
  style,
  rsvpTemplate,
  ctaTemplate,
  landingpageTemplate,
  // Cal.com
  booking,
  // Canapii
  attendee,
  meeting,
  session,
  sponsor,
  poll,
  // Hooksmith's own operational events
  hooksmith,
];

export const elementKeys = elements.map((element) => element.key);

export function getElement(key: string): ElementDefinition | undefined {
  return elements.find((element) => element.key === key);
}

export function elementsByFamily(): { family: ElementFamily; elements: ElementDefinition[] }[] {
  const families = [...new Set(elements.map((element) => element.family))];
  return families.map((family) => ({ family, elements: elements.filter((e) => e.family === family) }));
}

// The data a trigger would send, for previews and tests: a delete sends only the id.
export function sampleFor(element: ElementDefinition, trigger: string): Record<string, unknown> {
  const full = (element.samplesByTrigger?.[trigger] ?? element.sample) as Record<string, unknown>;
  if (element.idOnlyTriggers.includes(trigger)) return { id: full.id ?? full.prokey };
  return full;
}
