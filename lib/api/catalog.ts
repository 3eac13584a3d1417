import { z } from "zod";
import {
  type ElementDefinition,
  elementFamilies,
  elements,
  triggerMessageKey,
  variableMessageKey,
  variablesFor,
} from "@/lib/elements";
import type { Locale } from "@/lib/i18n/routing";
import { messagesFor } from "@/lib/i18n/translator";

// The shape of GET /api/v1/elements; the OpenAPI document is generated from these schemas.
export const catalogVariableSchema = z.object({
  path: z.string().meta({ description: "Dot path as written in a template, e.g. `payload.first_name`." }),
  type: z.string(),
  nullable: z.boolean(),
  enum_values: z.array(z.string()).optional(),
  description: z.string(),
});

export const catalogElementSchema = z.object({
  key: z.string(),
  family: z.enum(elementFamilies),
  name: z.string(),
  triggers: z.array(
    z.object({ key: z.string(), name: z.string(), variables: z.array(catalogVariableSchema) }),
  ),
  prokey_filter: z.boolean().meta({ description: "Whether `prokey_filter` may be set for this element." }),
  filters: z.array(
    z.object({
      key: z.string().meta({ description: "The key to use in a webhook's `filters` object." }),
      path: z.string(),
      type: z.enum(["string", "integer"]),
      name: z.string(),
    }),
  ),
});

export const catalogSchema = z.object({ elements: z.array(catalogElementSchema) });

export type Catalog = z.infer<typeof catalogSchema>;

type Tree = { [key: string]: unknown };

// Labels come from the `Elements` namespace of the message files; a label not (yet) written there
// falls back to its key, so the catalog never fails for want of a translation.
function labeler(locale: Locale) {
  const root = (messagesFor(locale) as unknown as Tree).Elements;
  return (fallback: string, path: string[]): string => {
    let node: unknown = root;
    for (const segment of path) node = node && typeof node === "object" ? (node as Tree)[segment] : undefined;
    return typeof node === "string" ? node : fallback;
  };
}

function describeElement(element: ElementDefinition, label: ReturnType<typeof labeler>) {
  const { key } = element;
  return {
    key,
    family: element.family,
    name: label(key, [key, "name"]),
    triggers: element.triggers.map((trigger) => ({
      key: trigger,
      name: label(trigger, [key, "triggers", triggerMessageKey(trigger)]),
      variables: variablesFor(element, trigger).map((variable) => ({
        path: variable.path,
        type: variable.type,
        nullable: variable.nullable,
        ...(variable.enumValues ? { enum_values: variable.enumValues } : {}),
        description: label("", [key, "variables", variableMessageKey(variable.path)]),
      })),
    })),
    prokey_filter: element.prokeyFilter,
    filters: element.filters.map((filter) => ({
      key: filter.key,
      path: filter.path,
      type: filter.type,
      name: label(filter.key, [key, "filters", filter.key]),
    })),
  };
}

export function describeCatalog(locale: Locale): Catalog {
  const label = labeler(locale);
  return { elements: elements.map((element) => describeElement(element, label)) };
}
