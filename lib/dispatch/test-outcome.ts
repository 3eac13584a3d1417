// What a test send answers, without "server-only" and without zod (the editor loads zod only to validate):
// the editor, the list and the API share it (lib/dispatch/test-send.ts does the sending; test-input.ts
// holds the body's schema).

/** How a test that got no answer failed (lib/dispatch/send.ts names them). */
export type TestErrorKind = "timeout" | "dns" | "refused" | "tls" | "blocked" | "invalid" | "network";

/** A test send's outcome, as the editor shows it and the API answers it. */
export type TestOutcome = {
  /** The delivery the test is logged as (`webhook-id`); null for an unsaved form, which is not logged. */
  delivery_id: string | null;
  /** The real event replayed; null when the element's sample data was sent. */
  event_id: string | null;
  /** The request as sent, credentials masked as in the delivery log. */
  request: { method: string; url: string; headers: [string, string][]; body: string | null };
  /** A 2xx answer. */
  ok: boolean;
  status: number | null;
  duration_ms: number;
  response_headers: [string, string][];
  /** The first 16 KiB of the response body. */
  response_body: string;
  response_body_truncated: boolean;
  error_kind: TestErrorKind | null;
  error_message: string | null;
  /** An unsaved new webhook has no secret yet: it is signed with this one-time secret, shown once. */
  signing_secret: string | null;
};

/** A recent real event a test may replay. */
export type TestEventChoice = { id: string; received_at: string; prokey: string | null };

/** Test sends per workspace and minute (see takeTestSend in lib/api/rate-limit.ts for why). */
export const TEST_SENDS_PER_MINUTE = 30;

/** The message key that explains an error kind (namespace "TestSend"). */
export const errorKindKeys = {
  timeout: "errorTimeout",
  dns: "errorDns",
  refused: "errorRefused",
  tls: "errorTls",
  blocked: "errorBlocked",
  invalid: "errorInvalid",
  network: "errorNetwork",
} as const satisfies Record<TestErrorKind, string>;
