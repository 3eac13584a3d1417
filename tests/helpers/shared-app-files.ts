/**
 * The API test files that share one app (tests/helpers/shared-app.ts), by name without ".test.ts": each
 * gets a workspace and keys of its own. The other files in tests/api start apps of their own.
 */
export const SHARED_FILES = ["webhooks", "dispatch", "inbox", "test-send", "recovery"] as const;
