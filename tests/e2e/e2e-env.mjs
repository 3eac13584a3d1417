// The settings the e2e app runs with (see serve.mjs); specs use the same tokens to call its APIs.
export const e2eEnv = {
  API_TOKEN: "e2e-api-token-5b0f3c9a7d2e41f8",
  INTERNAL_TOKEN: "e2e-internal-token-8c1d4e7f2a9b3c60",
  // The specs' receivers listen on loopback, which the app refuses without this opt-in.
  ALLOW_PRIVATE_TARGETS: "true",
  // One quick retry, so a delivery to a failing receiver ends as "failed" within seconds.
  DISPATCH_RETRY_SCHEDULE: "1",
  // The default workspace's owner (where API_TOKEN acts too), made by serve.mjs through the admin CLI
  // (the app would seed it from these on an empty install); the "sign-in" project signs in as this owner
  // once and the specs reuse the session.
  ADMIN_EMAIL: "owner@e2e.example",
  ADMIN_PASSWORD: "e2e-owner-password-7c41",
};

// A second workspace the admin CLI sets up before each lane's app starts (serve.mjs), owned by another
// user; the isolation spec reads its id and keys from this file (in the git-ignored test-data folder).
export function otherWorkspaceFileFor(port) {
  return new URL(`../../.test-data/e2e-other-workspace-${port}.json`, import.meta.url).pathname;
}
export const otherWorkspaceOwner = {
  email: "other-owner@e2e.example",
  password: "e2e-other-owner-password-93d2",
};

// An editor of the default workspace, made by serve.mjs, for the roles spec.
export const editorAccount = { email: "editor@e2e.example", password: "e2e-editor-password-2b7e" };
