import type { z } from "zod";
import type { ElementDefinition } from "./types";

export type VariableType =
  | "string"
  | "integer"
  | "number"
  | "boolean"
  | "datetime"
  | "date"
  | "time"
  | "uuid"
  | "email"
  | "url"
  | "enum"
  | "object"
  | "array"
  | "any";

export type Variable = {
  // Dot path as written in a template: `email`, `payload.first_name`, `dates.0.name`, `metadata.*`.
  path: string;
  type: VariableType;
  nullable: boolean;
  enumValues?: string[];
};

// zod's public API has no schema walker, so we read the definitions zod 4 documents under `_zod.def`.
type AnySchema = z.core.$ZodType;

function unwrap(schema: AnySchema): { inner: AnySchema; nullable: boolean } {
  let inner = schema;
  let nullable = false;
  for (;;) {
    const def = inner._zod.def as { type: string; innerType?: AnySchema; in?: AnySchema };
    if (def.type === "nullable") nullable = true;
    if (
      def.type === "nullable" ||
      def.type === "optional" ||
      def.type === "default" ||
      def.type === "readonly"
    ) {
      inner = def.innerType as AnySchema;
    } else if (def.type === "pipe") {
      inner = def.in as AnySchema;
    } else {
      return { inner, nullable };
    }
  }
}

function typeOf(schema: AnySchema): Pick<Variable, "type" | "enumValues"> {
  const def = schema._zod.def as {
    type: string;
    entries?: Record<string, string>;
    values?: unknown[];
    options?: AnySchema[];
  };
  // String and number formats (uuid, datetime, safeint, …) sit on the schema itself.
  const format = (schema as { format?: string | null }).format ?? undefined;
  switch (def.type) {
    case "string":
      if (format === "uuid" || format === "datetime" || format === "date" || format === "time") {
        return { type: format };
      }
      if (format === "email" || format === "url") return { type: format };
      return { type: "string" };
    case "number":
      return { type: format === "safeint" || format === "int32" ? "integer" : "number" };
    case "boolean":
      return { type: "boolean" };
    case "enum":
      return { type: "enum", enumValues: Object.values(def.entries ?? {}) };
    case "literal":
      return { type: "enum", enumValues: (def.values ?? []).map(String) };
    case "object":
    case "record":
      return { type: "object" };
    case "array":
      return { type: "array" };
    case "union": {
      // Options of one type read as that type (enums and literals merge their values); mixed ones are `any`.
      const options = (def.options ?? []).map(typeOf);
      const first = options[0];
      if (!first || !options.every((option) => option.type === first.type)) return { type: "any" };
      if (first.type !== "enum") return first;
      return { type: "enum", enumValues: [...new Set(options.flatMap((option) => option.enumValues ?? []))] };
    }
    default:
      return { type: "any" };
  }
}

function walk(schema: AnySchema, prefix: string, out: Variable[]): void {
  const { inner, nullable } = unwrap(schema);
  if (prefix) out.push({ path: prefix, nullable, ...typeOf(inner) });
  const join = (segment: string) => (prefix ? `${prefix}.${segment}` : segment);
  const def = inner._zod.def as {
    type: string;
    shape?: Record<string, AnySchema>;
    catchall?: AnySchema;
    element?: AnySchema;
    valueType?: AnySchema;
  };
  if (def.type === "object") {
    for (const [key, child] of Object.entries(def.shape ?? {})) walk(child, join(key), out);
    // A catchall holds keys only known at run time (form answers, link metadata): offered as `path.*`.
    const catchall = def.catchall && (def.catchall._zod.def as { type: string }).type;
    if (def.catchall && catchall !== "never" && catchall !== "unknown") walk(def.catchall, join("*"), out);
  } else if (def.type === "record" && def.valueType) {
    walk(def.valueType, join("*"), out);
  } else if (def.type === "array" && def.element) {
    // Templates address array items by index, as Cal.com does: `{{attendees.0.name}}`.
    walk(def.element, join("0"), out);
  }
}

export function deriveVariables(schema: z.ZodObject): Variable[] {
  const out: Variable[] = [];
  walk(schema, "", out);
  return out;
}

const cache = new WeakMap<ElementDefinition, Map<string, Variable[]>>();

// The variables a template may use for one element and trigger; a delete offers only `id`.
export function variablesFor(element: ElementDefinition, trigger: string): Variable[] {
  let byTrigger = cache.get(element);
  if (!byTrigger) {
    byTrigger = new Map();
    cache.set(element, byTrigger);
  }
  let variables = byTrigger.get(trigger);
  if (!variables) {
    variables = element.idOnlyTriggers.includes(trigger)
      ? [{ path: "id", nullable: false, ...typeOf(unwrap(element.idSchema as AnySchema).inner) }]
      : deriveVariables(element.schema).filter((variable) => {
          const onlyOn = element.fieldsByTrigger?.[variable.path.split(".")[0] ?? ""];
          return !onlyOn || onlyOn.includes(trigger);
        });
    byTrigger.set(trigger, variables);
  }
  return variables;
}

// `dates.3.name` matches `dates.0.name`; `payload.first_name` matches `payload.*`.
export function findVariable(variables: readonly Variable[], path: string): Variable | undefined {
  const segments = path.split(".");
  return variables.find((variable) => {
    const pattern = variable.path.split(".");
    if (pattern.length !== segments.length) return false;
    return pattern.every((part, index) => {
      const segment = segments[index] as string;
      if (part === "*") return segment.length > 0;
      if (part === "0") return /^\d+$/.test(segment);
      return part === segment;
    });
  });
}

// Messages keep descriptions under a key per variable; next-intl reserves "." in keys.
export function variableMessageKey(path: string): string {
  return path.replaceAll(".", "/");
}

// Triggers of the operational element are dotted (`webhook.failing`): their labels sit under `webhook/failing`.
export function triggerMessageKey(trigger: string): string {
  return trigger.replaceAll(".", "/");
}
