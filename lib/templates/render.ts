import Handlebars from "handlebars";

type Template = (data: unknown) => string;

// Compiling is the slow part of Handlebars; a webhook's values are rendered again for every event.
const compiled = new Map<string, Template>();
const MAX_CACHED = 5_000;

const SINGLE_VARIABLE = /^\{\{\s*([^\s{}#/>!^&]+)\s*\}\}$/;

function compile(source: string): Template {
  let template = compiled.get(source);
  if (!template) {
    template = Handlebars.compile(source, { strict: true, noEscape: true });
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(source, template);
  }
  return template;
}

export function renderTemplate(source: string, data: unknown): string {
  if (!source.includes("{{")) return source;
  return compile(source)(data);
}

// Own properties only: a template path never reaches an object's prototype.
function lookup(data: unknown, path: string): unknown {
  let current: unknown = data;
  for (const segment of path.split(".")) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, segment)) {
      throw new Error(`"${path}" is not defined in the element data`);
    }
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

// A value that is exactly one variable keeps its JSON type (`{{amount}}` stays a number);
// anything else renders to a string.
export function renderValue(source: string, data: unknown): unknown {
  const single = SINGLE_VARIABLE.exec(source.trim() === source ? source : "");
  if (single?.[1]) return lookup(data, single[1]);
  return renderTemplate(source, data);
}
