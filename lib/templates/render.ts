import { parseTemplate, type Segment } from "./parse";
import { valueAtPath } from "./path";

// Parsed once per distinct template: a webhook's values are rendered again for every event.
const parsed = new Map<string, Segment[]>();
const MAX_CACHED = 5_000;

/**
 * Templates are rendered from the grammar in parse.ts, the same one the save-time check uses, so a value
 * that saved renders, and none is compiled to code (`new Function` is what the pages' Content-Security-Policy
 * forbids; the preview renders in the browser with this code, as the worker does). The output follows
 * Handlebars' `strict` and `noEscape` semantics: an unknown variable fails, nothing is HTML-escaped, null and
 * undefined print as "". tests/unit/templates.test.ts checks the output equals Handlebars.compile's.
 */
function segmentsOf(source: string): Segment[] {
  let segments = parsed.get(source);
  if (!segments) {
    const result = parseTemplate(source);
    if (!result.ok) throw new Error(`unsupported template: ${result.detail}`);
    segments = result.segments;
    if (parsed.size >= MAX_CACHED) parsed.clear();
    parsed.set(source, segments);
  }
  return segments;
}

export function renderTemplate(source: string, data: unknown): string {
  if (!source.includes("{{")) return source;
  let out = "";
  for (const segment of segmentsOf(source)) {
    if (typeof segment === "string") out += segment;
    else {
      const value = lookup(data, segment.path);
      out += value === null || value === undefined ? "" : String(value);
    }
  }
  return out;
}

// Own properties only (see path.ts); strict, as Handlebars' `strict`: an unknown variable fails.
function lookup(data: unknown, path: readonly string[]): unknown {
  const result = valueAtPath(data, path);
  if (!result.found) throw new Error(`"${path.join(".")}" is not defined in the element data`);
  return result.value;
}

// A value that is exactly one variable (whitespace control included: `{{~amount~}}`) keeps its JSON type
// (`{{amount}}` stays a number); anything else renders to a string.
export function renderValue(source: string, data: unknown): unknown {
  if (!source.includes("{{")) return source;
  const segments = segmentsOf(source);
  const [only] = segments;
  if (segments.length === 1 && only !== undefined && typeof only !== "string") return lookup(data, only.path);
  return renderTemplate(source, data);
}
