// Vitest globalSetup of the "api" project: one app per test run (and so per database) that every API test
// file shares, each file in a workspace of its own with its own keys. Files see only their workspace, as
// two customers of one instance would; the rows of other files are behind the same doors the API guards.
// Files that test start-up itself (tokens, data-folder lock, encryption refusal, crash, their own settings)
// are in the "startup" project and start their own apps.
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { adminBatch } from "./admin-cli.mjs";
import { createAppStorage, startApp } from "./app-process.mjs";
import { SHARED_FILES } from "./shared-app-files";

/** What a file gets: the app's URL and the keys of its own workspace. */
export type SharedWorkspace = {
  workspaceId: string;
  /** An API key with scope read_write; `readKey` and `writeKey` have one scope each. */
  apiKey: string;
  readKey: string;
  writeKey: string;
  eventKey: string;
};

export type SharedApp = {
  baseUrl: string;
  /** Seconds an old signing secret keeps signing after a rotation (short, so a test can see it end). */
  secretOverlapSeconds: number;
  workspaces: Record<string, SharedWorkspace>;
};

declare module "vitest" {
  export interface ProvidedContext {
    sharedApp: SharedApp;
  }
}

const SECRET_OVERLAP_SECONDS = 2;
const OWNER = "api-tests-owner@shared.example.com";

/** The shared app's settings: loopback receivers allowed, fast polling, no jitter (as dispatchEnv). */
function sharedEnv(): Record<string, string> {
  const token = () => randomBytes(16).toString("hex");
  return {
    // Instance tokens nobody is given: every file acts through its workspace's keys.
    API_TOKEN: token(),
    INTERNAL_TOKEN: token(),
    ALLOW_PRIVATE_TARGETS: "true",
    DISPATCH_POLL_INTERVAL_MS: "100",
    DISPATCH_JITTER: "0",
    DISPATCH_SECRET_OVERLAP_SECONDS: String(SECRET_OVERLAP_SECONDS),
  };
}

export default async function setup(project: TestProject) {
  const storage = await createAppStorage();
  try {
    // Two CLI batches (the keys need the workspaces' ids), before the app starts: on the embedded
    // database the app then holds the data folder alone.
    const [, ...ids] = await adminBatch(storage, [
      ["user", "create", "--email", OWNER, "--password", randomBytes(12).toString("hex")],
      ...SHARED_FILES.map((file) => ["workspace", "create", "--name", file, "--owner", OWNER]),
    ]);
    const keys = await adminBatch(
      storage,
      ids.flatMap((id) => [
        ["key", "create", "--workspace", id, "--kind", "api", "--scope", "read_write"],
        ["key", "create", "--workspace", id, "--kind", "api", "--scope", "read"],
        ["key", "create", "--workspace", id, "--kind", "api", "--scope", "write"],
        ["key", "create", "--workspace", id, "--kind", "event"],
      ]),
    );
    const workspaces: Record<string, SharedWorkspace> = {};
    SHARED_FILES.forEach((file, index) => {
      workspaces[file] = {
        workspaceId: ids[index] as string,
        apiKey: keys[4 * index] as string,
        readKey: keys[4 * index + 1] as string,
        writeKey: keys[4 * index + 2] as string,
        eventKey: keys[4 * index + 3] as string,
      };
    });
    const app = await startApp({ storage, env: sharedEnv() });
    project.provide("sharedApp", {
      baseUrl: app.baseUrl,
      secretOverlapSeconds: SECRET_OVERLAP_SECONDS,
      workspaces,
    });
    return async () => {
      await app.stop();
      await storage.remove();
    };
  } catch (error) {
    await storage.remove();
    throw error;
  }
}
