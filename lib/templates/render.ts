import Handlebars from "handlebars";

type Template = (data: unknown) => string;
type Node = { type: string; value?: string; path?: { parts: string[] } };

// Parsing is the slow part; a webhook's values are rendered again for every event.
const parsed = new Map<string, Template>();
const MAX_CACHED = 5_000;

const SINGLE_VARIABLE = /^\{\{\s*([^\s{}#/>!^&]+)\s*\}\}$/;

/**
 * Templates are parsed by Handlebars and rendered here from its syntax tree, not with Handlebars.compile:
 * compiling builds a function with `new Function`, which the pages' Content-Security-Policy forbids, and the
 * preview renders in the browser with the same code as the worker. Values hold plain variables only
 * (lib/templates/parse.ts), so rendering is text and lookups, with Handlebars' `strict` and `noEscape`
 * semantics: an unknown variable fails, nothing is HTML-escaped, null and undefined print as "".
 * tests/unit/templates.test.ts checks the output equals Handlebars.compile's.
 */
function compile(source: string): Template {
  let template = parsed.get(source);
  if (!template) {
    const body = (Handlebars.parse(source) as unknown as { body: Node[] }).body;
    template = (data) => {
      let out = "";
      for (const node of body) {
        if (node.type === "ContentStatement") out += node.value ?? "";
        else if (node.type === "MustacheStatement" && node.path) {
          const value = lookup(data, node.path.parts.join("."));
          out += value === null || value === undefined ? "" : String(value);
        } else if (node.type !== "CommentStatement") {
          throw new Error(`unsupported template: ${node.type}`);
        }
      }
      return out;
    };
    if (parsed.size >= MAX_CACHED) parsed.clear();
    parsed.set(source, template);
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
