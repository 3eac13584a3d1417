import { z } from "zod";
import { testSendSchema } from "@/lib/dispatch/test-input";
import { TEST_SENDS_PER_MINUTE } from "@/lib/dispatch/test-outcome";

// The test send part of the OpenAPI document (lib/api/openapi.ts passes its helpers in).

type JsonSchema = { [key: string]: unknown };
type Helpers = {
  toSchema: (schema: z.ZodType, io: "input" | "output") => JsonSchema;
  commonErrors: Record<string, unknown>;
  bodyErrors: Record<string, unknown>;
  error: (description: string) => unknown;
  idParameter: JsonSchema;
};

const pair = z.array(z.string()).length(2);

const outcomeSchema = z.object({
  delivery_id: z.uuid().nullable().meta({
    description: "The test's delivery in the log (marked as a test), also its `webhook-id` header.",
  }),
  event_id: z.uuid().nullable().meta({ description: "The real event replayed; null for the sample data." }),
  request: z
    .object({
      method: z.string(),
      url: z.string(),
      headers: z.array(pair),
      body: z.string().nullable(),
    })
    .meta({ description: "The request as sent, with credentials masked as in the delivery log." }),
  ok: z.boolean().meta({ description: "The receiver answered 2xx." }),
  status: z.int().nullable().meta({ description: "The answer's status; null when none came." }),
  duration_ms: z.int(),
  response_headers: z
    .array(pair)
    .meta({ description: "`[name, value]` pairs as received (cookies masked)." }),
  response_body: z.string().meta({ description: "The first 16 KiB of the answer's body, as text." }),
  response_body_truncated: z.boolean(),
  error_kind: z
    .enum(["timeout", "dns", "refused", "tls", "blocked", "invalid", "network"])
    .nullable()
    .meta({ description: "Why no (complete) answer came; null when one did." }),
  error_message: z.string().nullable().meta({ description: "The technical detail, in English." }),
  error_description: z
    .string()
    .nullable()
    .meta({ description: "The error kind explained in the caller's language (Accept-Language)." }),
  signing_secret: z
    .string()
    .nullable()
    .meta({ description: "Always null here (only unsaved forms have one)." }),
});

export function testSendOpenApi({ toSchema, commonErrors, bodyErrors, error, idParameter }: Helpers) {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  return {
    schemas: {
      TestSendRequest: {
        description: "Optional: the body may be left out (no Content-Type), which sends the sample data.",
        ...toSchema(testSendSchema, "input"),
      },
      TestOutcome: toSchema(outcomeSchema, "output"),
    },
    paths: {
      "/webhook/{id}/test": {
        parameters: [idParameter],
        post: {
          operationId: "sendTest",
          summary: "Send a test of a webhook",
          description:
            "Renders the webhook with the trigger element's sample data (or `event_id`: one of the workspace's " +
            "real events of that element and trigger), signs it with the webhook's signing secret and sends it " +
            "once through the SSRF guard, to the payload URL or to `inbox_id` (a request inbox of the same " +
            "workspace). Answers with the outcome whatever the receiver said: a failing receiver is `ok: false`, " +
            "not an error status. A test is logged as a test delivery, never retried, and never counts toward " +
            `switching the webhook off or its last_execution. At most ${TEST_SENDS_PER_MINUTE} tests per ` +
            "workspace and minute (429 with Retry-After beyond). A key with scope `read` is refused (403).",
          requestBody: {
            required: false,
            content: { "application/json": { schema: ref("TestSendRequest") } },
          },
          responses: {
            "200": {
              description: "The test's outcome.",
              content: { "application/json": { schema: ref("TestOutcome") } },
            },
            ...commonErrors,
            ...bodyErrors,
            "404": error("No webhook with this id."),
          },
        },
      },
    },
  };
}
