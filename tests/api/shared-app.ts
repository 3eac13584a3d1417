// The app the "api" project's files share (tests/helpers/shared-app.ts starts it), seen from one file.
import { inject } from "vitest";

/** The shared app's URL and the keys of the workspace that belongs to `file` (its name without .test.ts). */
export function sharedWorkspace(file: string) {
  const app = inject("sharedApp");
  const workspace = app.workspaces[file];
  if (!workspace)
    throw new Error(
      `no workspace for "${file}": add it to SHARED_FILES in tests/helpers/shared-app-files.ts`,
    );
  return { baseUrl: app.baseUrl, secretOverlapSeconds: app.secretOverlapSeconds, ...workspace };
}
