// `npm start`: builds when the sources are newer than the last build, then serves the app.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const next = path.join(root, "node_modules", ".bin", "next");
const port = process.env.PORT || "3000";
process.env.NEXT_TELEMETRY_DISABLED = "1";

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

function needsBuild() {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return [...sources, ...configFiles].some((entry) => newestChange(entry) > built);
}

if (needsBuild()) {
  console.log("[hooksmith] building the app (first start or changed sources)…");
  const build = spawnSync(next, ["build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

console.log(
  `[hooksmith] starting on http://localhost:${port}/ (webhooks: http://localhost:${port}/en/webhooks)`,
);
// The app handles SIGTERM itself (lib/dispatch/in-app-worker.ts): deliveries in flight finish first.
const server = spawn(next, ["start", "-p", port], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NEXT_MANUAL_SIG_HANDLE: "true" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
