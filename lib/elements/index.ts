import { rsvpAnswer } from "./rsvp-answer";
import type { ElementDefinition, ElementFamily } from "./types";

export * from "./types";
export * from "./variables";

// The whole catalog. Adding an element is adding its file and one line here.
export const elements: readonly ElementDefinition[] = [rsvpAnswer];

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
