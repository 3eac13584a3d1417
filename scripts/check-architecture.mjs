// Architecture check (issue 10): the import rules between folders are checked here, not hoped for.
//   npm run check:arch            all rules
//   npm run check:arch -- cycles  only the named rules (cycles, layers, client)
// Rules:
//   cycles  no folder-level import cycle inside lib/ or components/ (each file counts as its folder,
//           e.g. lib/webhooks; a file directly in lib/ counts as itself, e.g. lib/env.ts)
//   layers  lib/ and db/ never import app/ or components/
//   client  components/ never import db/ or a module that imports "server-only" (type imports included)
// Type-only imports count: they tie folders together as much as value imports do.
import { readFileSync } from "node:fs";
import path from "node:path";
import madge from "madge";

const root = path.resolve(import.meta.dirname, "..");
const allRules = ["cycles", "layers", "client"];
const asked = process.argv.slice(2);
const rules = asked.length > 0 ? asked : allRules;
for (const rule of rules) {
  if (!allRules.includes(rule)) {
    console.error(`unknown rule "${rule}" (known: ${allRules.join(", ")})`);
    process.exit(2);
  }
}

const result = await madge(["lib", "components", "db", "app"], {
  baseDir: root,
  fileExtensions: ["ts", "tsx"],
  tsConfig: path.join(root, "tsconfig.json"),
  excludeRegExp: [/\.d\.ts$/, /(^|\/)node_modules\//],
  detectiveOptions: {
    ts: { skipTypeImports: false, skipAsyncImports: false },
    tsx: { skipTypeImports: false, skipAsyncImports: false },
  },
});
/** @type {Record<string, string[]>} file -> files it imports, paths relative to the repository */
const graph = result.obj();
const files = Object.keys(graph);

const top = (file) => file.split("/")[0];
/** The folder a file counts as: its first two path segments (lib/webhooks), or the file itself when it sits directly in lib/. */
function unit(file) {
  const parts = file.split("/");
  return parts.length <= 2 ? file : `${parts[0]}/${parts[1]}`;
}

const serverOnly = new Set(
  files.filter((file) =>
    /^\s*import\s+["']server-only["']/m.test(readFileSync(path.join(root, file), "utf8")),
  ),
);

const failures = [];

if (rules.includes("cycles")) {
  /** @type {Map<string, Map<string, string[]>>} folder -> folder -> example file edges */
  const folders = new Map();
  for (const [from, targets] of Object.entries(graph)) {
    if (!["lib", "components"].includes(top(from))) continue;
    for (const to of targets) {
      if (top(to) !== top(from)) continue;
      const a = unit(from);
      const b = unit(to);
      if (a === b) continue;
      if (!folders.has(a)) folders.set(a, new Map());
      const edges = folders.get(a);
      if (!edges.has(b)) edges.set(b, []);
      edges.get(b).push(`${from} -> ${to}`);
    }
  }
  // Tarjan's strongly connected components: every component with more than one folder is a cycle.
  let index = 0;
  const indices = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  const visit = (v) => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of folders.get(v)?.keys() ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v), indices.get(w)));
      }
    }
    if (low.get(v) === indices.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const v of [...folders.keys()].sort()) if (!indices.has(v)) visit(v);
  for (const component of components) {
    const members = new Set(component);
    const lines = [];
    for (const a of component) {
      for (const [b, edges] of folders.get(a) ?? []) {
        if (!members.has(b)) continue;
        lines.push(`    ${a} -> ${b}`);
        for (const edge of edges) lines.push(`        ${edge}`);
      }
    }
    failures.push(`folder cycle: ${component.join(", ")}\n${lines.join("\n")}`);
  }
}

if (rules.includes("layers")) {
  const edges = [];
  for (const [from, targets] of Object.entries(graph)) {
    if (!["lib", "db"].includes(top(from))) continue;
    for (const to of targets) if (["app", "components"].includes(top(to))) edges.push(`    ${from} -> ${to}`);
  }
  if (edges.length > 0) failures.push(`lib/ or db/ imports app/ or components/:\n${edges.join("\n")}`);
}

if (rules.includes("client")) {
  const edges = [];
  for (const [from, targets] of Object.entries(graph)) {
    if (top(from) !== "components") continue;
    for (const to of targets) {
      if (top(to) === "db") edges.push(`    ${from} -> ${to} (db/)`);
      else if (serverOnly.has(to)) edges.push(`    ${from} -> ${to} (imports "server-only")`);
    }
  }
  if (edges.length > 0) failures.push(`components/ import db/ or server-only modules:\n${edges.join("\n")}`);
}

// Only the project's own imports must resolve (a package madge cannot read, such as tailwindcss from CSS, is fine).
const skipped = result.warnings().skipped.filter((s) => s.startsWith(".") || s.startsWith("@/"));
if (skipped.length > 0)
  failures.push(`imports madge could not resolve:\n${skipped.map((s) => `    ${s}`).join("\n")}`);

if (failures.length > 0) {
  console.error(`Architecture check failed (${rules.join(", ")}):\n`);
  console.error(failures.join("\n\n"));
  process.exit(1);
}
console.log(`Architecture check passed (${rules.join(", ")}; ${files.length} files).`);
