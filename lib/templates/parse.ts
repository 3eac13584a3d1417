// The one grammar of webhook templates, shared by the save-time check and the renderer (render.ts), so
// what saves is exactly what renders. It is a strict subset of Handlebars (tests/unit/templates.test.ts
// holds a table of constructs and a generated corpus, and compares every accepted one with
// Handlebars.compile): text, and variables written
//
//   {{path}}  {{{path}}}  with optional spaces inside, and `~` for whitespace control: {{~path~}}, {{~{path}~}}
//   path = segment("." segment)*, segment = name (letters, digits, _ $ -) or [literal] (e.g. [first name])
//
// Everything else (blocks, helpers, partials, comments, `\{{` escapes, `this`, `../`, `@data`, `/`
// separators, literals) is refused. The scan is one linear pass with no nesting: Handlebars' own parser
// costs super-linear time on nested blocks and sub-expressions (a 125 KiB value held the event loop
// for 43 s, 8 KiB of sub-expressions for over a second), so it never runs on input here.

export type Segment = string | { path: string[] };

export type ParsedTemplate =
  | { ok: true; segments: Segment[] }
  | { ok: false; problem: "syntax" | "unsupported" | "tooManyVariables"; detail: string };

export type TemplateCheck =
  | { ok: true; paths: string[]; text: string }
  | { ok: false; problem: "syntax" | "unsupported" | "tooManyVariables"; detail: string };

/** Variables one value may hold: keeps the work of a save bounded (100 rows × this many lookups). */
export const MAX_TEMPLATE_VARIABLES = 50;

// Names that lead from data to its prototype or constructor. Rendering reads own properties only, but a
// template naming them is an attempt at something, not a variable (and "payload.*" would let it through).
const PROTOTYPE_NAMES = new Set([
  "__proto__",
  "constructor",
  "prototype",
  "__defineGetter__",
  "__defineSetter__",
  "__lookupGetter__",
  "__lookupSetter__",
]);
// Handlebars reads these as literals or keywords in some positions: refused everywhere, so no position
// can make a difference.
const KEYWORDS = new Set(["true", "false", "null", "undefined", "this", "else"]);

// One mustache from its opening braces: strip, optional third brace, the path, the matching close.
// The path's characters are a subset of Handlebars' ID characters, and its separators are only dots.
const NAME = "[A-Za-z0-9_$][A-Za-z0-9_$-]*";
const LITERAL = "\\[[^\\][\\\\.{}~\\u0000-\\u001f\\u007f]+\\]";
const SEGMENT = `(?:${NAME}|${LITERAL})`;
const MUSTACHE = new RegExp(
  `\\{\\{(~?)(?:\\{\\s*(${SEGMENT}(?:\\.${SEGMENT})*)\\s*\\}|\\s*(${SEGMENT}(?:\\.${SEGMENT})*)\\s*)(~?)\\}\\}`,
  "y",
);
const SEGMENTS = new RegExp(SEGMENT, "g");
const DIGITS = /^-?\d+$/;

/** Splits a template into text and variables, or says why it is not one (never throws, linear time). */
export function parseTemplate(source: string): ParsedTemplate {
  if (source.includes("\u0000")) return { ok: false, problem: "syntax", detail: "NUL" };
  const segments: Segment[] = [];
  // Whitespace control as Handlebars does it: `~` removes all whitespace (JavaScript's \s, which is what
  // trimStart/trimEnd remove) from the neighbouring text up to the next variable.
  let stripNext = false;
  let position = 0;
  let variables = 0;
  for (;;) {
    const open = source.indexOf("{{", position);
    let text = source.slice(position, open === -1 ? source.length : open);
    if (stripNext) text = text.trimStart();
    if (open === -1) {
      if (text.length > 0) segments.push(text);
      return { ok: true, segments };
    }
    // `\{{` is Handlebars' escape for literal braces: not part of this grammar.
    if (source[open - 1] === "\\") return unsupported(source, open - 1);
    MUSTACHE.lastIndex = open;
    const match = MUSTACHE.exec(source);
    if (!match) {
      if (source.indexOf("}}", open + 2) === -1)
        return { ok: false, problem: "syntax", detail: excerpt(source, open) };
      return unsupported(source, open);
    }
    const end = MUSTACHE.lastIndex;
    // `{{a}}}` closes with Handlebars' triple-brace token: a syntax error there.
    if (source[end] === "}") return unsupported(source, open);
    const path = pathOf(match[2] ?? match[3] ?? "");
    if (!path) return unsupported(source, open);
    variables += 1;
    if (variables > MAX_TEMPLATE_VARIABLES)
      return { ok: false, problem: "tooManyVariables", detail: String(MAX_TEMPLATE_VARIABLES) };
    if (match[1]) text = text.trimEnd();
    if (text.length > 0) segments.push(text);
    segments.push({ path });
    stripNext = match[4] === "~";
    position = end;
  }
}

// The segments of a matched path, or null when one of them is a keyword, a prototype name, or a number
// in last place (`{{dates.0}}` is a number literal to Handlebars, not a lookup).
function pathOf(source: string): string[] | null {
  const parts = (source.match(SEGMENTS) ?? []).map((part) =>
    part.startsWith("[") ? part.slice(1, -1) : part,
  );
  const first = parts[0];
  if (first === undefined || /^[0-9-]/.test(first)) return null;
  if (parts.some((part) => KEYWORDS.has(part) || PROTOTYPE_NAMES.has(part))) return null;
  if (DIGITS.test(parts.at(-1) ?? "") || parts.some((part) => part.startsWith("-"))) return null;
  return parts;
}

function unsupported(source: string, at: number): ParsedTemplate {
  return { ok: false, problem: "unsupported", detail: excerpt(source, at) };
}

// What the message quotes: the construct from its opening braces, up to its close or 40 characters.
function excerpt(source: string, at: number): string {
  const close = source.indexOf("}}", at + 2);
  const end = close === -1 ? source.length : close + 2;
  const piece = source.slice(at, Math.min(end, at + 40));
  return end - at > 40 ? `${piece}…` : piece;
}

/**
 * Values may only hold plain variables (`{{email}}`, `{{payload.first_name}}`), so every template stays
 * checkable against the element's variables at save time. Returns the variables' paths and the literal
 * text that is sent as it is (after whitespace control).
 */
export function checkTemplate(source: string): TemplateCheck {
  if (!source.includes("{{")) return { ok: true, paths: [], text: source };
  const parsed = parseTemplate(source);
  if (!parsed.ok) return parsed;
  const paths: string[] = [];
  let text = "";
  for (const segment of parsed.segments) {
    if (typeof segment === "string") text += segment;
    else paths.push(segment.path.join("."));
  }
  return { ok: true, paths, text };
}
