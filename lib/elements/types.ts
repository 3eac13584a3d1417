import type { z } from "zod";

export const elementFamilies = ["add_to_calendar_pro", "calcom", "canapii", "hooksmith"] as const;
export type ElementFamily = (typeof elementFamilies)[number];

// A filter narrows a webhook to events whose data has this value at `path` (e.g. one ticket type).
export type FilterField = {
  key: string;
  path: string;
  type: "string" | "integer";
};

export type ElementDefinition<Schema extends z.ZodObject = z.ZodObject> = {
  key: string;
  family: ElementFamily;
  triggers: readonly string[];
  // Triggers that carry nothing but the element's id (deletes): they offer only `id`.
  idOnlyTriggers: readonly string[];
  // The whole element object that is sent as `element_data`.
  schema: Schema;
  // The type of `id` on id-only triggers (a prokey for events and event groups).
  idSchema: z.ZodType;
  sample: z.input<Schema>;
  // Trigger-specific samples where a trigger's data differs from `sample` (e.g. a rescheduled booking).
  samplesByTrigger?: Readonly<Record<string, z.input<Schema>>>;
  // Top-level fields that only some triggers carry (a cancellation reason only on `cancel`): they are
  // offered as variables on those triggers alone, so a template cannot name data that will never come.
  fieldsByTrigger?: Readonly<Record<string, readonly string[]>>;
  // Reported by Hooksmith itself (operational events), never by a platform: the intake refuses it.
  builtIn?: boolean;
  // Only RSVP answers can be narrowed to one event by its prokey.
  prokeyFilter: boolean;
  filters: readonly FilterField[];
};

export function defineElement<Schema extends z.ZodObject>(
  definition: ElementDefinition<Schema>,
): ElementDefinition<Schema> {
  return definition;
}
