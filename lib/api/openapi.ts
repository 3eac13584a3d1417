import { z } from "zod";
import { elementKeys } from "@/lib/elements";
import { readOnlyFields, webhookSchema } from "@/lib/webhooks/schemas";
import packageJson from "@/package.json";
import { catalogSchema } from "./catalog";
import { type ErrorCode, errorStatus } from "./errors";
import { inboxOpenApi } from "./openapi-inbox";
import { recoveryOpenApi } from "./openapi-recovery";
import { testSendOpenApi } from "./openapi-test-send";
import { MAX_BODY_BYTES } from "./read-json";

type JsonSchema = { [key: string]: unknown };

// The fields `null` resets in a PATCH (see lib/webhooks/patch.ts).
const clearableFields = ["prokey_filter", "filters", "header", "body"];

const fieldDescriptions: Record<string, string> = {
  name: "Internal name that identifies the webhook in the overview.",
  active: "Disables the webhook temporarily without deleting it.",
  method: "HTTP method of the call.",
  payload_url: "The endpoint the call is sent to: an absolute http(s) URL.",
  trigger_element: "The element type the trigger applies to; see GET /elements.",
  trigger: "The action that fires the webhook; one of the element's triggers (GET /elements).",
  prokey_filter: "RSVP answers only: limits the webhook to the answers of one event (its prokey).",
  filters: 'Element filter fields, e.g. {"ticket_type": "sponsor"}; see GET /elements.',
  content_type: "How the body is encoded.",
  header: "Extra request headers. Values may use {{variables}} of the element and trigger (GET /elements).",
  body: 'Fields sent beside "element_data" (in the query string for GET). Values may use {{variables}}.',
};

const readOnlyNote = "Read-only: set by Hooksmith, and ignored when sent in a create or an update.";

// The fields of a stored webhook that only Hooksmith sets (lib/webhooks/schemas.ts's readOnlyFields).
const readOnlyDescriptions: Record<(typeof readOnlyFields)[number], string> = {
  id: "The webhook's id.",
  date_created: "When the webhook was created.",
  date_updated: "When the webhook was last changed; null if never.",
  last_execution: "When a delivery of this webhook was last attempted; null if never.",
  secret:
    "Standard Webhooks signing secret (whsec_…) for verifying `webhook-signature`, which covers the exact body " +
    "sent, or for GET the exact query string sent (without `?`); masked (`••••••••`) " +
    "for a key with scope `read`.",
  disabled_reason: "Why Hooksmith switched the webhook off (e.g. the receiver answered 410); null otherwise.",
};

function toSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  return json;
}

function describeFields(schema: JsonSchema): JsonSchema {
  const properties = schema.properties as Record<string, JsonSchema>;
  for (const [field, description] of Object.entries(fieldDescriptions)) {
    if (properties[field]) properties[field] = { description, ...properties[field] };
  }
  const element = properties.trigger_element;
  if (element) properties.trigger_element = { ...element, enum: elementKeys };
  return schema;
}

function isNullable(schema: JsonSchema): boolean {
  const types = [
    schema.type,
    ...((schema.anyOf as JsonSchema[] | undefined) ?? []).map((option) => option.type),
  ];
  return types.flat().includes("null");
}

// Defaults apply when a webhook is created; they say nothing about a stored webhook or a patch.
function withoutDefaults(schema: JsonSchema): JsonSchema {
  const properties = Object.entries(schema.properties as Record<string, JsonSchema>).map(
    ([field, { default: _default, ...property }]) => [field, property],
  );
  return { ...schema, properties: Object.fromEntries(properties) };
}

/**
 * Generators read a `default` as "always present": openapi-typescript (7.x, default options) makes such a
 * field required in a schema of components/schemas, so a client could not leave it out of a create. In a
 * request the default is what the server fills in: it is said in the description instead.
 */
function defaultsInDescriptions(schema: JsonSchema): JsonSchema {
  const properties = Object.entries(schema.properties as Record<string, JsonSchema>).map(
    ([field, { default: fallback, description, ...property }]) => {
      if (fallback === undefined) return [field, { description, ...property }];
      const shown = typeof fallback === "string" ? fallback : JSON.stringify(fallback);
      const text = `${description ?? ""} Default: \`${shown}\`.`.trim();
      return [field, { description: text, ...property }];
    },
  );
  return { ...schema, properties: Object.fromEntries(properties) };
}

// Marks the fields only Hooksmith sets as readOnly and says so.
function markReadOnly(schema: JsonSchema): JsonSchema {
  const properties = { ...(schema.properties as Record<string, JsonSchema>) };
  for (const field of readOnlyFields) {
    const { description: _description, ...property } = properties[field] ?? {};
    properties[field] = {
      description: `${readOnlyDescriptions[field]} ${readOnlyNote}`,
      readOnly: true,
      ...property,
    };
  }
  return { ...schema, properties };
}

/**
 * A request body accepts the read-only fields and ignores them, so a fetched webhook can be sent back as
 * it is; any other unknown field is refused (422). They are listed, optional and readOnly, so that the
 * document allows what the server allows.
 */
function withIgnoredReadOnly(request: JsonSchema, stored: JsonSchema): JsonSchema {
  const storedProperties = stored.properties as Record<string, JsonSchema>;
  const ignored = Object.fromEntries(readOnlyFields.map((field) => [field, storedProperties[field] ?? {}]));
  return { ...request, properties: { ...(request.properties as Record<string, JsonSchema>), ...ignored } };
}

// A PATCH body is the create body with every field optional, and null clearing the optional ones.
function patchSchemaFrom(create: JsonSchema): JsonSchema {
  const { required: _required, properties, ...rest } = withoutDefaults(create);
  const fields = Object.entries(properties as Record<string, JsonSchema>).map(([field, property]) => {
    const { description, ...schema } = property;
    const clears = clearableFields.includes(field) && !isNullable(schema);
    return [field, clears ? { description, anyOf: [schema, { type: "null" }] } : property];
  });
  return { ...rest, properties: Object.fromEntries(fields) };
}

const errorEnvelopeSchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]]),
    message: z.string().meta({ description: "Localized by Accept-Language (en, de)." }),
    issues: z
      .array(
        z.object({
          path: z.string().meta({ description: "Dot path of the field or grid cell, e.g. `header.0.key`." }),
          message: z.string(),
        }),
      )
      .optional(),
  }),
});

function buildDocument() {
  const create = describeFields(toSchema(webhookSchema, "input"));
  const stored = z.object({
    id: z.uuid(),
    ...webhookSchema.shape,
    date_created: z.iso.datetime(),
    date_updated: z.iso.datetime().nullable(),
    last_execution: z.iso.datetime().nullable(),
    secret: z.string(),
    disabled_reason: z.string().nullable(),
  });
  const webhook = markReadOnly(withoutDefaults(describeFields(toSchema(stored, "output"))));
  const requestNote =
    "Read-only fields of a fetched webhook (id, secret, dates, …) are ignored, so a fetched webhook can be " +
    "sent back; any other unknown field is refused with 422.";

  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const response = (name: string) => ({ $ref: `#/components/responses/${name}` });
  const jsonContent = (schema: JsonSchema) => ({ "application/json": { schema } });
  const error = (description: string) => ({ description, content: jsonContent(ref("Error")) });
  const uuidParameter = (name: string) => ({
    name,
    in: "path",
    required: true,
    schema: { type: "string", format: "uuid" },
  });
  const idParameter = uuidParameter("id");
  // What any operation with a key can answer besides its own statuses.
  const commonErrors = {
    "401": response("Unauthorized"),
    "403": response("Forbidden"),
    "405": response("MethodNotAllowed"),
    "429": response("RateLimited"),
    "500": response("InternalError"),
  };
  // And what an operation that reads a JSON body can answer.
  const bodyErrors = {
    "400": response("InvalidJson"),
    "413": response("PayloadTooLarge"),
    "415": response("UnsupportedMediaType"),
    "422": response("ValidationFailed"),
  };
  const webhookResponse = (description: string) => ({ description, content: jsonContent(ref("Webhook")) });
  const notFound = error("No webhook with this id.");

  const schemas: Record<string, JsonSchema> = {
    WebhookCreate: {
      description: `A new webhook. ${requestNote}`,
      ...withIgnoredReadOnly(defaultsInDescriptions(create), webhook),
    },
    WebhookPatch: {
      description: `The fields to change. ${requestNote}`,
      ...withIgnoredReadOnly(patchSchemaFrom(create), webhook),
    },
    Webhook: webhook,
    WebhookIds: toSchema(z.object({ ids: z.array(z.uuid()) }), "output"),
    Catalog: toSchema(catalogSchema, "output"),
    Error: toSchema(errorEnvelopeSchema, "output"),
  };
  const inbox = inboxOpenApi({
    toSchema,
    defaultsInDescriptions,
    commonErrors,
    bodyErrors,
    error,
    idParameter,
    uuidParameter,
  });
  Object.assign(schemas, inbox.schemas);
  const testSend = testSendOpenApi({ toSchema, commonErrors, bodyErrors, error, idParameter });
  Object.assign(schemas, testSend.schemas);
  const recovery = recoveryOpenApi({ toSchema, commonErrors, bodyErrors, error, idParameter });
  Object.assign(schemas, recovery.schemas);

  return {
    openapi: "3.1.0",
    info: {
      title: "Hooksmith API",
      version: packageJson.version,
      description:
        "Manage outgoing webhooks, watch and recover their deliveries (event log, retry, replay, recover), and request inboxes to try them on. Authenticate with `Authorization: Bearer <key>` or the bare key " +
        "(`Authorization: <key>`): a workspace API key or the instance's API_TOKEN. Error messages follow " +
        "Accept-Language (en, de). A key with scope `read` receives header values and signing secrets masked " +
        "(`••••••••`), as a viewer does. Request bodies are JSON, sent with `Content-Type: application/json`.",
    },
    servers: [{ url: "/api/v1" }],
    // Either scheme: the same key, with or without the word Bearer.
    security: [{ bearerAuth: [] }, { apiKeyAuth: [] }],
    paths: {
      "/webhook": {
        post: {
          operationId: "createWebhook",
          summary: "Create a webhook",
          description: `Fields with a default may be left out. ${requestNote}`,
          requestBody: { required: true, content: jsonContent(ref("WebhookCreate")) },
          responses: {
            "201": {
              ...webhookResponse("The stored webhook."),
              headers: {
                Location: {
                  description: "The webhook's address, e.g. `/api/v1/webhook/{id}`.",
                  required: true,
                  schema: { type: "string" },
                },
              },
            },
            ...commonErrors,
            ...bodyErrors,
          },
        },
      },
      "/webhook/all": {
        get: {
          operationId: "listWebhookIds",
          summary: "The ids of all webhooks, newest first",
          responses: {
            "200": { description: "All ids.", content: jsonContent(ref("WebhookIds")) },
            ...commonErrors,
          },
        },
      },
      "/webhook/latest": {
        get: {
          operationId: "getLatestWebhook",
          summary: "The most recently created webhook",
          responses: {
            "200": webhookResponse("The newest webhook."),
            ...commonErrors,
            "404": error("There are no webhooks."),
          },
        },
      },
      "/webhook/{id}": {
        parameters: [idParameter],
        get: {
          operationId: "getWebhook",
          summary: "One webhook",
          responses: { "200": webhookResponse("The webhook."), ...commonErrors, "404": notFound },
        },
        patch: {
          operationId: "updateWebhook",
          summary: "Change some fields of a webhook",
          description: `Only the fields sent change; \`null\` clears prokey_filter, filters, header and body. ${requestNote}`,
          requestBody: { required: true, content: jsonContent(ref("WebhookPatch")) },
          responses: {
            "200": webhookResponse("The updated webhook."),
            ...commonErrors,
            "404": notFound,
            ...bodyErrors,
          },
        },
        delete: {
          operationId: "deleteWebhook",
          summary: "Delete a webhook",
          responses: { "204": { description: "Deleted." }, ...commonErrors, "404": notFound },
        },
      },
      "/webhook/{id}/rotate-secret": {
        parameters: [idParameter],
        post: {
          operationId: "rotateWebhookSecret",
          summary: "Give a webhook a new signing secret",
          description:
            "The previous secret keeps signing beside the new one for 24 hours, so receivers can switch over.",
          responses: {
            "200": webhookResponse("The webhook with its new secret."),
            ...commonErrors,
            "404": notFound,
          },
        },
      },
      ...testSend.paths,
      ...inbox.paths,
      ...recovery.paths,
      "/elements": {
        get: {
          operationId: "listElements",
          summary: "The trigger-element catalog",
          description:
            "Each element with its triggers, the variables each trigger offers, and its filter fields.",
          responses: {
            "200": { description: "The catalog.", content: jsonContent(ref("Catalog")) },
            ...commonErrors,
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description: "`Authorization: Bearer <key>`: a workspace API key (hks_api_…) or API_TOKEN.",
        },
        apiKeyAuth: {
          type: "apiKey",
          in: "header",
          name: "Authorization",
          description: "The same key without the word Bearer: `Authorization: <key>`.",
        },
      },
      headers: {
        Allow: {
          description: "The methods this address serves, e.g. `GET, PATCH, DELETE`.",
          required: true,
          schema: { type: "string" },
        },
        RetryAfter: {
          description: "Seconds to wait before the next request.",
          required: true,
          schema: { type: "integer", minimum: 1 },
        },
        WWWAuthenticate: { description: "Always `Bearer`.", required: true, schema: { type: "string" } },
      },
      responses: {
        InvalidJson: error("The body is not valid JSON."),
        Unauthorized: {
          ...error("The key is missing, wrong, revoked or expired."),
          headers: { "WWW-Authenticate": { $ref: "#/components/headers/WWWAuthenticate" } },
        },
        Forbidden: error(
          "The key's scope does not allow this method: a `read` key may only GET, a `write` key may not GET.",
        ),
        MethodNotAllowed: {
          ...error("This address does not serve the method; `Allow` lists the methods it does."),
          headers: { Allow: { $ref: "#/components/headers/Allow" } },
        },
        PayloadTooLarge: error(`The body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB.`),
        UnsupportedMediaType: error(
          "The body is not sent as `Content-Type: application/json` (a charset, if given, must be UTF-8).",
        ),
        ValidationFailed: error("Validation failed; `issues` names each field or grid cell."),
        RateLimited: {
          ...error("Too many requests for this key; `Retry-After` says when to try again."),
          headers: { "Retry-After": { $ref: "#/components/headers/RetryAfter" } },
        },
        InternalError: error("Something went wrong on the server; try again later."),
      },
      schemas,
    },
  };
}

let document: ReturnType<typeof buildDocument> | undefined;

// Built once per process: it depends only on the code.
export function openApiDocument() {
  document ??= buildDocument();
  return document;
}
