// Unused-message check (issue 10): every key of messages/en.json is used somewhere in the code, so the
// message files do not collect strings nobody reads (messages.test.ts checks that de.json has the same keys).
//   npm run check:messages
// A key counts as used when the code (app, components, lib, scripts, proxy.ts) quotes its last part, or a
// longer tail of its path ("title", "keys.title", "Settings.keys.title"): next-intl's t("title") under
// useTranslations("Settings.keys") names only the tail. Keys the code builds at run time
// (t(`status.${status}`)) are listed below by prefix, each with where they are built.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const sources = ["app", "components", "lib", "scripts", "proxy.ts", "instrumentation.ts"];

// Prefixes of keys built at run time, each with the pattern of the code that builds them: a key under a
// prefix counts as used while that code exists (the check fails when it is gone, so the list stays true).
const DYNAMIC = {
  // components/webhooks/element-labels.ts: `Elements.${element}.name`, `.triggers.${trigger}`,
  // `.variables.${messageKey}` … for every element, trigger and variable of the catalog (lib/elements).
  Elements: /`Elements\.\$\{/,
  // app/[locale]/settings/audit/page.tsx: `audit.actions.${entry.action.replace(".", "_")}`.
  "Settings.audit.actions": /`audit\.actions\.\$\{/,
};

function leaves(messages, prefix = "") {
  return Object.entries(messages).flatMap(([key, value]) =>
    value && typeof value === "object" ? leaves(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function files(entry) {
  const full = path.join(root, entry);
  let names;
  try {
    names = readdirSync(full, { withFileTypes: true });
  } catch {
    return /\.(m?[jt]sx?)$/.test(entry) ? [full] : [];
  }
  return names.flatMap((child) =>
    child.isDirectory()
      ? files(path.join(entry, child.name))
      : /\.(m?[jt]sx?)$/.test(child.name) && !/\.d\.ts$/.test(child.name)
        ? [path.join(full, child.name)]
        : [],
  );
}

const code = sources
  .flatMap(files)
  .filter((file) => !file.endsWith(path.join("scripts", "check-messages.mjs")))
  .map((file) => readFileSync(file, "utf8"))
  .join("\n");
const quoted = new Set([...code.matchAll(/(["'`])((?:(?!\1)[^\\\n$]|\\.)*?)\1/g)].map((match) => match[2]));

const gone = Object.entries(DYNAMIC).filter(([, pattern]) => !pattern.test(code));
if (gone.length > 0) {
  console.error(
    `No code builds these keys any more; take them out of DYNAMIC: ${gone.map(([p]) => p).join(", ")}`,
  );
  process.exit(1);
}

const en = JSON.parse(readFileSync(path.join(root, "messages/en.json"), "utf8"));
const unused = leaves(en).filter((key) => {
  if (Object.keys(DYNAMIC).some((prefix) => key.startsWith(`${prefix}.`))) return false;
  const parts = key.split(".");
  return !parts.some((_, index) => quoted.has(parts.slice(index).join(".")));
});

if (unused.length > 0) {
  console.error(`${unused.length} key(s) of messages/en.json are used nowhere in the code:`);
  for (const key of unused) console.error(`  ${key}`);
  console.error(
    "Delete them from en.json and de.json, or, if the code builds them, list the prefix in DYNAMIC.",
  );
  process.exit(1);
}
console.log(`messages: all ${leaves(en).length} keys of en.json are used`);
