// Playwright's web server: the built app on the given port, with a fresh data folder and, when
// DATABASE_URL is set, a fresh PostgreSQL database; both are removed when Playwright stops it.
// Before the app starts, the admin CLI sets up the default workspace's owner and editor, and a second
// workspace with its own owner and keys, as an operator would (on the embedded database the CLI cannot
// run beside the app), for the roles and isolation specs.
import { writeFile } from "node:fs/promises";
import { adminBatch } from "../helpers/admin-cli.mjs";
import { createAppStorage, startApp } from "../helpers/app-process.mjs";
import { e2eEnv, editorAccount, otherWorkspaceFileFor, otherWorkspaceOwner } from "./e2e-env.mjs";

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) {
  console.error("usage: node tests/e2e/serve.mjs <port>");
  process.exit(2);
}

const storage = await createAppStorage();
const app = await (async () => {
  try {
    await setUpWorkspaces();
    return await startApp({ port, env: e2eEnv, storage });
  } catch (error) {
    await storage.remove();
    throw error;
  }
})();
console.log(`[e2e] app ready at ${app.baseUrl} (${app.databaseUrl ? "PostgreSQL" : "PGlite"})`);

async function setUpWorkspaces() {
  const user = (email, password) => ["user", "create", "--email", email, "--password", password];
  const member = (workspace, email, role) => [
    "member",
    "add",
    "--workspace",
    workspace,
    "--email",
    email,
    "--role",
    role,
  ];
  // An event key takes no scope: it sends events.
  const key = (workspace, kind) => [
    "key",
    "create",
    "--workspace",
    workspace,
    "--kind",
    kind,
    ...(kind === "api" ? ["--scope", "read_write"] : []),
  ];
  const { email, password } = otherWorkspaceOwner;
  // The default workspace's owner too: the app creates one from ADMIN_EMAIL only on an install without users.
  // The other workspace's owner is also a viewer in the default one, so they have two workspaces to switch
  // between, with a different role in each.
  const defaultWorkspaceId = "00000000-0000-4000-8000-000000000001"; // db/schema/workspaces.ts
  const [, , , , , , workspaceId] = await adminBatch(storage, [
    user(e2eEnv.ADMIN_EMAIL, e2eEnv.ADMIN_PASSWORD),
    member(defaultWorkspaceId, e2eEnv.ADMIN_EMAIL, "owner"),
    user(editorAccount.email, editorAccount.password),
    member(defaultWorkspaceId, editorAccount.email, "editor"),
    user(email, password),
    member(defaultWorkspaceId, email, "viewer"),
    ["workspace", "create", "--name", "Other team", "--owner", email],
  ]);
  if (!workspaceId) throw new Error("the admin CLI printed no workspace id");
  const [apiKey, eventKey] = await adminBatch(storage, [key(workspaceId, "api"), key(workspaceId, "event")]);
  await writeFile(otherWorkspaceFileFor(port), JSON.stringify({ workspaceId, apiKey, eventKey }));
}

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  try {
    await app.stop();
    await storage.remove();
  } catch (error) {
    console.error("[e2e] cleanup failed:", error);
    process.exitCode = 1;
  }
  process.exit();
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, shutdown);
