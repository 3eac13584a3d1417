// Playwright's web server: the built app on the given port, with a fresh data folder and, when
// DATABASE_URL is set, a fresh PostgreSQL database; both are removed when Playwright stops it.
// Before the app starts, the admin CLI sets up the default workspace's owner and editor, and a second
// workspace with its own owner and keys, as an operator would (on the embedded database the CLI cannot
// run beside the app), for the roles and isolation specs.
import { writeFile } from "node:fs/promises";
import { admin } from "../helpers/admin-cli.mjs";
import { createAppStorage, startApp } from "../helpers/app-process.mjs";
import { e2eEnv, editorAccount, otherWorkspaceFile, otherWorkspaceOwner } from "./e2e-env.mjs";

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
  const createUser = (email, password) =>
    admin(storage, ["user", "create", "--email", email, "--password", password]);
  const addMember = (workspace, email, role) =>
    admin(storage, ["member", "add", "--workspace", workspace, "--email", email, "--role", role]);
  const createKey = (workspace, kind) =>
    admin(storage, ["key", "create", "--workspace", workspace, "--kind", kind, "--scope", "read_write"]);

  // The default workspace's owner too: the app creates one from ADMIN_EMAIL only on an install without users.
  const defaultWorkspaceId = "00000000-0000-4000-8000-000000000001"; // db/schema/workspaces.ts
  await createUser(e2eEnv.ADMIN_EMAIL, e2eEnv.ADMIN_PASSWORD);
  await addMember(defaultWorkspaceId, e2eEnv.ADMIN_EMAIL, "owner");
  await createUser(editorAccount.email, editorAccount.password);
  await addMember(defaultWorkspaceId, editorAccount.email, "editor");

  const { email, password } = otherWorkspaceOwner;
  await createUser(email, password);
  const workspaceId = await admin(storage, ["workspace", "create", "--name", "Other team", "--owner", email]);
  const apiKey = await createKey(workspaceId, "api");
  const eventKey = await createKey(workspaceId, "event");
  // Its owner is also a viewer in the default workspace, so they have two workspaces to switch between,
  // with a different role in each.
  await addMember(defaultWorkspaceId, email, "viewer");
  await writeFile(otherWorkspaceFile, JSON.stringify({ workspaceId, apiKey, eventKey }));
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
