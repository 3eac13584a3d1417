// Builds the app unless the last build is newer than every source and config file: `npm start` and
// `npm test` use it, so the second `npm test` in CI (on PostgreSQL) reuses the first one's build.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "..");
const sources = ["app", "components", "lib", "db", "messages", "public", "proxy.ts", "instrumentation.ts"];
const configFiles = ["next.config.mjs", "package.json", "tsconfig.json", "postcss.config.mjs"];

function newestChange(entry) {
  const full = path.join(root, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(full).reduce(
    (newest, child) => Math.max(newest, newestChange(path.join(entry, child))),
    0,
  );
}

export function needsBuild() {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return [...sources, ...configFiles].some((entry) => newestChange(entry) > built);
}

/** Runs `next build` when needed; returns its exit status (0 when nothing had to be built). */
export function buildIfNeeded(reason = "first start or changed sources") {
  if (!needsBuild()) {
    console.log("[hooksmith] the build is up to date");
    return 0;
  }
  console.log(`[hooksmith] building the app (${reason})…`);
  const next = path.join(root, "node_modules", ".bin", "next");
  const build = spawnSync(next, ["build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  return build.status ?? 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) process.exit(buildIfNeeded());
