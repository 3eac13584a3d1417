// The settings the e2e app runs with (see serve.mjs); specs use the same tokens to call its APIs.
export const e2eEnv = {
  API_TOKEN: "e2e-api-token-5b0f3c9a7d2e41f8",
  INTERNAL_TOKEN: "e2e-internal-token-8c1d4e7f2a9b3c60",
  // The specs' receivers listen on loopback, which the app refuses without this opt-in.
  ALLOW_PRIVATE_TARGETS: "true",
  // One quick retry, so a delivery to a failing receiver ends as "failed" within seconds.
  DISPATCH_RETRY_SCHEDULE: "1",
  // The owner the app creates at start-up (member of the default workspace, where API_TOKEN acts too);
  // the "sign-in" project signs in as this owner once and the specs reuse the session.
  ADMIN_EMAIL: "owner@e2e.example",
  ADMIN_PASSWORD: "e2e-owner-password-7c41",
};
