import { z } from "zod";
import { elementKeys } from "@/lib/elements";
import { validationTranslator } from "@/lib/i18n/translator";
import { createWebhookSchema } from "@/lib/webhooks/schemas";
import packageJson from "@/package.json";
import { catalogSchema } from "./catalog";
import { type ErrorCode, errorStatus } from "./errors";
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
  const webhookSchema = createWebhookSchema(validationTranslator("en"));
  const create = describeFields(toSchema(webhookSchema, "input"));
  const stored = z.object({
    id: z.uuid(),
    ...webhookSchema.shape,
    date_created: z.iso.datetime(),
    date_updated: z.iso.datetime().nullable(),
    last_execution: z.iso.datetime().nullable(),
    secret: z.string().describe("Standard Webhooks signing secret (whsec_…) for verifying webhook-signature"),
    disabled_reason: z
      .string()
      .nullable()
      .describe("Why Hooksmith switched the webhook off (e.g. the receiver answered 410); null otherwise"),
  });

  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const jsonContent = (schema: JsonSchema) => ({ "application/json": { schema } });
  const error = (description: string) => ({ description, content: jsonContent(ref("Error")) });
  const idParameter = {
    name: "id",
    in: "path",
    required: true,
    schema: { type: "string", format: "uuid" },
  };
  const authErrors = { "401": { $ref: "#/components/responses/Unauthorized" } };
  const bodyErrors = {
    "400": error("The body is not valid JSON."),
    "413": error(`The body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB.`),
    "422": error("Validation failed; `issues` names each field or grid cell."),
  };
  const webhookResponse = (description: string) => ({ description, content: jsonContent(ref("Webhook")) });
  const notFound = error("No webhook with this id.");

  return {
    openapi: "3.1.0",
    info: {
      title: "Hooksmith API",
      version: packageJson.version,
      description:
        "Manage outgoing webhooks. Authenticate with `Authorization: Bearer <token>` (the bare token works too). " +
        "Error messages follow Accept-Language (en, de). A key with scope `read` receives header values and " +
        "signing secrets masked (`••••••••`), as a viewer does.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearerAuth: [] }],
    paths: {
      "/webhook": {
        post: {
          operationId: "createWebhook",
          summary: "Create a webhook",
          requestBody: { required: true, content: jsonContent(ref("WebhookCreate")) },
          responses: { "201": webhookResponse("The stored webhook."), ...authErrors, ...bodyErrors },
        },
      },
      "/webhook/all": {
        get: {
          operationId: "listWebhookIds",
          summary: "The ids of all webhooks, newest first",
          responses: {
            "200": { description: "All ids.", content: jsonContent(ref("WebhookIds")) },
            ...authErrors,
          },
        },
      },
      "/webhook/latest": {
        get: {
          operationId: "getLatestWebhook",
          summary: "The most recently created webhook",
          responses: {
            "200": webhookResponse("The newest webhook."),
            ...authErrors,
            "404": error("There are no webhooks."),
          },
        },
      },
      "/webhook/{id}": {
        parameters: [idParameter],
        get: {
          operationId: "getWebhook",
          summary: "One webhook",
          responses: { "200": webhookResponse("The webhook."), ...authErrors, "404": notFound },
        },
        patch: {
          operationId: "updateWebhook",
          summary: "Change some fields of a webhook",
          description: "Only the fields sent change; `null` clears prokey_filter, filters, header and body.",
          requestBody: { required: true, content: jsonContent(ref("WebhookPatch")) },
          responses: {
            "200": webhookResponse("The updated webhook."),
            ...authErrors,
            "404": notFound,
            ...bodyErrors,
          },
        },
        delete: {
          operationId: "deleteWebhook",
          summary: "Delete a webhook",
          responses: { "204": { description: "Deleted." }, ...authErrors, "404": notFound },
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
            ...authErrors,
            "404": notFound,
          },
        },
      },
      "/elements": {
        get: {
          operationId: "listElements",
          summary: "The trigger-element catalog",
          description:
            "Each element with its triggers, the variables each trigger offers, and its filter fields.",
          responses: {
            "200": { description: "The catalog.", content: jsonContent(ref("Catalog")) },
            ...authErrors,
          },
        },
      },
    },
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" } },
      responses: { Unauthorized: error("The API token is missing or wrong.") },
      schemas: {
        WebhookCreate: create,
        WebhookPatch: patchSchemaFrom(create),
        Webhook: withoutDefaults(describeFields(toSchema(stored, "output"))),
        WebhookIds: toSchema(z.object({ ids: z.array(z.uuid()) }), "output"),
        Catalog: toSchema(catalogSchema, "output"),
        Error: toSchema(errorEnvelopeSchema, "output"),
      },
    },
  };
}

let document: ReturnType<typeof buildDocument> | undefined;

// Built once per process: it depends only on the code.
export function openApiDocument() {
  document ??= buildDocument();
  return document;
}
