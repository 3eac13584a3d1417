import { z } from "zod";
import {
  INBOX_CAPTURE_RATE,
  KEPT_REQUESTS,
  MAX_INBOX_BODY_BYTES,
  REQUESTS_PAGE_SIZE,
} from "@/lib/inbox/requests";
import {
  createInboxSchema,
  MAX_INBOXES_PER_WORKSPACE,
  MAX_RESPONSE_DELAY_MS,
  updateInboxSchema,
} from "@/lib/inbox/schema";

// The request inbox part of the OpenAPI document (lib/api/openapi.ts passes its helpers in).

type JsonSchema = { [key: string]: unknown };
type Helpers = {
  toSchema: (schema: z.ZodType, io: "input" | "output") => JsonSchema;
  defaultsInDescriptions: (schema: JsonSchema) => JsonSchema;
  commonErrors: Record<string, unknown>;
  bodyErrors: Record<string, unknown>;
  error: (description: string) => unknown;
  idParameter: JsonSchema;
  uuidParameter: (name: string) => JsonSchema;
};

const fieldDescriptions: Record<string, string> = {
  name: "A name to tell inboxes apart.",
  pinned: "A pinned inbox never expires; one that is not is deleted 7 days after creation (or unpinning).",
  response_status: "The status the inbox answers every request with, e.g. 410, 429 or 500 to try retries.",
  response_retry_after: "Seconds sent as `Retry-After` with every answer (e.g. with 429); null for none.",
  response_delay_ms: `How long the inbox waits before answering, up to ${MAX_RESPONSE_DELAY_MS} ms (past the sender's 15 s timeout).`,
};

function describeFields(schema: JsonSchema): JsonSchema {
  const properties = schema.properties as Record<string, JsonSchema>;
  for (const [field, description] of Object.entries(fieldDescriptions)) {
    if (properties[field]) properties[field] = { description, ...properties[field] };
  }
  return schema;
}

const inboxSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  token: z
    .string()
    .meta({ description: "The secret part of the address; rotate it to stop the old address." }),
  path: z.string().meta({
    description:
      "The address to send requests to, on this app's origin: `/api/inbox/{token}`, with any path after it. " +
      `It accepts GET, HEAD, POST, PUT, PATCH, DELETE and OPTIONS with a body of up to ${MAX_INBOX_BODY_BYTES / 1024 / 1024} MiB ` +
      "(413 beyond, and nothing stored), needs no key, and answers 404 once the token is rotated. " +
      `It takes ${INBOX_CAPTURE_RATE} requests a second per inbox (429 with \`Retry-After\` beyond).`,
  }),
  created_by: z.uuid().nullable().meta({ description: "The user who created it; null for a key." }),
  created_at: z.iso.datetime(),
  pinned: z.boolean(),
  expires_at: z.iso.datetime().nullable().meta({ description: "When it is deleted; null while pinned." }),
  response_status: z.int(),
  response_retry_after: z.int().nullable(),
  response_delay_ms: z.int(),
});

const inboxRequestSchema = z.object({
  id: z.uuid(),
  inbox_id: z.uuid(),
  received_at: z.iso.datetime(),
  method: z.string(),
  path: z.string().meta({ description: "The path after the token, e.g. `/hooks/a`; empty for none." }),
  query: z.string().meta({ description: "The query string as received, without `?`." }),
  headers: z
    .array(z.array(z.string()).length(2))
    .meta({ description: "`[name, value]` pairs in the order received; names in lower case." }),
  body: z.string(),
  body_encoding: z
    .enum(["utf-8", "base64"])
    .meta({ description: "`base64` when the body is not UTF-8 text." }),
  body_size: z.int().meta({ description: "The body's size in bytes." }),
  source_address: z.string().nullable(),
});

const signatureCheckSchema = z.object({
  result: z.enum(["valid", "invalid", "stale", "missing_headers"]),
  secret: z
    .int()
    .optional()
    .meta({ description: "With `valid`: 0 for the current secret, 1 for the previous." }),
  direction: z.enum(["too_old", "too_new"]).optional().meta({ description: "With `stale`." }),
  missing: z.array(z.string()).optional().meta({ description: "With `missing_headers`: their names." }),
  content: z.enum(["body", "query"]),
});

export function inboxOpenApi({
  toSchema,
  defaultsInDescriptions,
  commonErrors,
  bodyErrors,
  error,
  idParameter,
  uuidParameter,
}: Helpers) {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const json = (schema: JsonSchema) => ({ "application/json": { schema } });
  const inboxResponse = (description: string) => ({ description, content: json(ref("Inbox")) });
  const notFound = error("No request inbox with this id.");
  const queryErrors = { "422": { $ref: "#/components/responses/ValidationFailed" } };

  const schemas: Record<string, JsonSchema> = {
    InboxCreate: {
      description: "A new request inbox.",
      ...defaultsInDescriptions(describeFields(toSchema(createInboxSchema, "input"))),
    },
    InboxPatch: {
      description: "The fields to change.",
      ...describeFields(toSchema(updateInboxSchema, "input")),
    },
    Inbox: describeFields(toSchema(inboxSchema, "output")),
    InboxList: toSchema(z.object({ inboxes: z.array(z.any()) }), "output"),
    InboxRequest: toSchema(inboxRequestSchema, "output"),
    InboxRequestPage: toSchema(
      z.object({
        requests: z.array(z.any()),
        older: z
          .uuid()
          .nullable()
          .meta({ description: "Pass as `before` for the next, older page; null on the last." }),
      }),
      "output",
    ),
    SignatureCheck: toSchema(signatureCheckSchema, "output"),
  };
  // Arrays of references, which zod cannot say.
  (schemas.InboxList as { properties: { inboxes: JsonSchema } }).properties.inboxes = {
    type: "array",
    items: ref("Inbox"),
  };
  (schemas.InboxRequestPage as { properties: { requests: JsonSchema } }).properties.requests = {
    type: "array",
    items: ref("InboxRequest"),
  };

  const requestIdParameter = uuidParameter("requestId");
  const paths = {
    "/inbox": {
      get: {
        operationId: "listInboxes",
        summary: "The workspace's request inboxes, newest first",
        responses: {
          "200": { description: "The inboxes.", content: json(ref("InboxList")) },
          ...commonErrors,
        },
      },
      post: {
        operationId: "createInbox",
        summary: "Create a request inbox",
        description:
          "An address of this app that keeps the last 100 requests it receives, for 7 days unless pinned.",
        requestBody: { required: true, content: json(ref("InboxCreate")) },
        responses: {
          "201": {
            ...inboxResponse("The new inbox."),
            headers: {
              Location: { description: "`/api/v1/inbox/{id}`.", required: true, schema: { type: "string" } },
            },
          },
          ...commonErrors,
          ...bodyErrors,
          "409": error(
            `The workspace already has ${MAX_INBOXES_PER_WORKSPACE} live inboxes, the most it may hold.`,
          ),
        },
      },
    },
    "/inbox/{id}": {
      parameters: [idParameter],
      get: {
        operationId: "getInbox",
        summary: "One request inbox",
        responses: { "200": inboxResponse("The inbox."), ...commonErrors, "404": notFound },
      },
      patch: {
        operationId: "updateInbox",
        summary: "Rename, pin or unpin a request inbox, or change what it answers",
        requestBody: { required: true, content: json(ref("InboxPatch")) },
        responses: {
          "200": inboxResponse("The changed inbox."),
          ...commonErrors,
          "404": notFound,
          ...bodyErrors,
        },
      },
      delete: {
        operationId: "deleteInbox",
        summary: "Delete a request inbox with its requests",
        responses: { "204": { description: "Deleted." }, ...commonErrors, "404": notFound },
      },
    },
    "/inbox/{id}/rotate-token": {
      parameters: [idParameter],
      post: {
        operationId: "rotateInboxToken",
        summary: "Give a request inbox a new address",
        description: "The old address answers 404 at once.",
        responses: {
          "200": inboxResponse("The inbox with its new token."),
          ...commonErrors,
          "404": notFound,
        },
      },
    },
    "/inbox/{id}/requests": {
      parameters: [idParameter],
      get: {
        operationId: "listInboxRequests",
        summary: "The requests an inbox received, newest first",
        parameters: [
          {
            name: "before",
            in: "query",
            required: false,
            schema: { type: "string", format: "uuid" },
            description: "The `older` cursor of the previous page.",
          },
          {
            name: "after",
            in: "query",
            required: false,
            schema: { type: "string", format: "uuid" },
            description:
              "Only requests newer than this one (to poll for new ones); empty when it is no longer stored.",
          },
          {
            name: "limit",
            in: "query",
            required: false,
            schema: { type: "integer", minimum: 1, maximum: KEPT_REQUESTS },
            description: `Requests per page; ${REQUESTS_PAGE_SIZE} by default.`,
          },
        ],
        responses: {
          "200": { description: "One page.", content: json(ref("InboxRequestPage")) },
          ...commonErrors,
          "404": notFound,
          ...queryErrors,
        },
      },
    },
    "/inbox/{id}/requests/{requestId}/signature": {
      parameters: [idParameter, requestIdParameter],
      get: {
        operationId: "checkInboxRequestSignature",
        summary: "Check a stored request's Standard Webhooks signature with a webhook's secrets",
        description:
          "As a receiver using the `standardwebhooks` library would, with the webhook's current secret and its " +
          "previous one while it is still valid; the timestamp must be within 5 minutes of now.",
        parameters: [
          { name: "webhook_id", in: "query", required: true, schema: { type: "string", format: "uuid" } },
          {
            name: "content",
            in: "query",
            required: false,
            schema: { type: "string", enum: ["body", "query"] },
            description: "What was signed: the raw body (default), or a GET's query string.",
          },
        ],
        responses: {
          "200": { description: "The verdict.", content: json(ref("SignatureCheck")) },
          ...commonErrors,
          "404": error("No such request in this inbox, or no webhook with this id."),
          ...queryErrors,
        },
      },
    },
  };
  return { schemas, paths };
}
