// Fails when a browser chunk carries something that must stay on the server: package.json (its scripts and
// dependency lists; e.g. a client module importing it for the version) or a server-only module (the
// `server-only` package's guard, or our encryption key loader). Runs after `next build` in `npm test`.
// Usage: npm run build && node scripts/check-client-bundle.mjs
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const staticDir = path.join(root, ".next", "static");
const packageJson = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));

// Texts that only these sources contain; a bundler may rewrite quotes and spacing, not the words.
const markers = [
  { what: "package.json (its devDependencies block)", text: "devDependencies" },
  { what: "package.json (its scripts)", text: packageJson.scripts["measure:bundle"] },
  { what: "the server-only package", text: "cannot be imported from a Client Component module" },
  { what: "the encryption key loader (lib/crypto/key.ts)", text: "ENCRYPTION_KEY is not set" },
  { what: "the encryption key loader (lib/crypto/key.ts)", text: "is not 32 bytes written as base64 or hex" },
];
// Several devDependencies named in one chunk: package.json, or a development tool, went to the browser.
const devDependencies = Object.keys(packageJson.devDependencies);
const DEV_NAMES_LIMIT = 3;

function scripts(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return scripts(full);
    return entry.name.endsWith(".js") ? [full] : [];
  });
}

let files;
try {
  files = scripts(staticDir);
} catch {
  console.error(`[check-client-bundle] ${staticDir} is missing: run \`npm run build\` first.`);
  process.exit(1);
}

const problems = [];
for (const file of files) {
  const code = readFileSync(file, "utf8");
  const name = path.relative(root, file);
  for (const marker of markers) {
    if (code.includes(marker.text)) problems.push(`${name}: ${marker.what} ("${marker.text}")`);
  }
  const named = devDependencies.filter((dependency) => code.includes(`"${dependency}"`));
  if (named.length >= DEV_NAMES_LIMIT) {
    problems.push(`${name}: names ${named.length} devDependencies (${named.join(", ")})`);
  }
}

if (problems.length > 0) {
  console.error(`[check-client-bundle] server-only content in ${files.length} client scripts:`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log(`[check-client-bundle] ${files.length} client scripts, none carries server-only content`);
