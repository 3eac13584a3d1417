import Handlebars from "handlebars";

export type TemplateCheck =
  | { ok: true; paths: string[] }
  | { ok: false; problem: "syntax" | "unsupported"; detail: string };

type Node = { type: string; [key: string]: unknown };

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

type PathNode = Node & { data: boolean; depth: number; parts: string[]; original: string };

// Values may only hold plain variables (`{{email}}`, `{{payload.first_name}}`): no helpers, blocks or
// partials, so every template stays checkable against the element's variables at save time.
export function checkTemplate(source: string): TemplateCheck {
  if (!source.includes("{{")) return { ok: true, paths: [] };
  let program: { body: Node[] };
  try {
    program = Handlebars.parse(source) as unknown as { body: Node[] };
    Handlebars.precompile(source, { strict: true, noEscape: true });
  } catch (error) {
    return { ok: false, problem: "syntax", detail: firstLine(error) };
  }
  const paths: string[] = [];
  for (const node of program.body) {
    if (node.type === "ContentStatement" || node.type === "CommentStatement") continue;
    if (node.type !== "MustacheStatement")
      return { ok: false, problem: "unsupported", detail: sourceOf(node) };
    const path = node.path as PathNode;
    const hasArguments = (node.params as unknown[]).length > 0 || node.hash;
    if (
      path.type !== "PathExpression" ||
      hasArguments ||
      path.data ||
      path.depth > 0 ||
      path.parts.length === 0 ||
      path.parts.some((part) => PROTOTYPE_NAMES.has(part))
    ) {
      return { ok: false, problem: "unsupported", detail: sourceOf(node) };
    }
    paths.push(path.parts.join("."));
  }
  return { ok: true, paths };
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0] ?? message;
}

function sourceOf(node: Node): string {
  const path = node.path as PathNode | undefined;
  return path?.original ? `{{${path.original}…}}` : node.type;
}
