import { z } from "zod";
import { elementKeys } from "@/lib/elements";
import { DELIVERY_PAGE_SIZE, EVENT_PAGE_SIZE, eventStates, MAX_PAGE_SIZE } from "@/lib/recovery/schemas";

// The event log and recovery part of the OpenAPI document (lib/api/openapi.ts passes its helpers in).

type JsonSchema = { [key: string]: unknown };
type Helpers = {
  toSchema: (schema: z.ZodType, io: "input" | "output") => JsonSchema;
  commonErrors: Record<string, unknown>;
  bodyErrors: Record<string, unknown>;
  error: (description: string) => unknown;
  idParameter: JsonSchema;
};

const status = z.enum(["pending", "succeeded", "failed", "cancelled"]);

const deliverySchema = z.object({
  id: z.uuid().meta({ description: "The delivery's id, sent as `webhook-id` (the same on every retry)." }),
  event_id: z.uuid(),
  webhook_id: z.uuid(),
  status,
  attempts: z.int(),
  next_attempt_at: z.iso.datetime().nullable().meta({ description: "While pending: when it is sent next." }),
  last_response_status: z.int().nullable(),
  last_error: z.string().nullable(),
  created_at: z.iso.datetime(),
  completed_at: z.iso.datetime().nullable(),
  is_replay: z.boolean().meta({ description: "A replay: a new delivery of a stored event." }),
  replay_of: z.uuid().nullable().meta({ description: "The delivery a replay repeats, if any." }),
});

const countsSchema = z.object({
  total: z.int(),
  pending: z.int(),
  succeeded: z.int(),
  failed: z.int(),
  cancelled: z.int(),
});

const eventSummarySchema = z.object({
  id: z.uuid(),
  trigger_element: z.string(),
  trigger: z.string(),
  prokey: z.string().nullable(),
  element_id: z.string().nullable().meta({ description: "The element's own id (its data's `id`)." }),
  received_at: z.iso.datetime(),
  deliveries: countsSchema,
});

const recoverySchema = z.object({
  id: z.uuid(),
  webhook_id: z.uuid(),
  since: z.iso.datetime(),
  until: z.iso
    .datetime()
    .meta({ description: "When it was asked for: later deliveries are not part of it." }),
  status: z.enum(["running", "completed"]),
  total: z.int().meta({ description: "Failed deliveries counted when it was asked for." }),
  done: z.int().meta({ description: "How many of them are queued again so far." }),
  created_at: z.iso.datetime(),
  completed_at: z.iso.datetime().nullable(),
});

const older = z
  .uuid()
  .nullable()
  .meta({ description: "Pass as `before` for the next, older page; null on the last." });

export function recoveryOpenApi({ toSchema, commonErrors, bodyErrors, error, idParameter }: Helpers) {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const json = (schema: JsonSchema) => ({ "application/json": { schema } });
  const queryErrors = { "422": { $ref: "#/components/responses/ValidationFailed" } };
  const conflict = error(
    "The webhook is switched off, or the delivery is being sent right now or succeeded.",
  );
  const deliveryNotFound = error("No delivery with this id.");
  const webhookNotFound = error("No webhook with this id.");
  const page = (items: string, key: string) => {
    const schema = toSchema(z.object({ [key]: z.array(z.any()), older }), "output");
    (schema.properties as Record<string, JsonSchema>)[key] = { type: "array", items: ref(items) };
    return schema;
  };
  const pageParameters = (size: number) => [
    {
      name: "before",
      in: "query",
      required: false,
      schema: { type: "string", format: "uuid" },
      description: "The `older` cursor of the previous page.",
    },
    {
      name: "limit",
      in: "query",
      required: false,
      schema: { type: "integer", minimum: 1, maximum: MAX_PAGE_SIZE },
      description: `Rows per page; ${size} by default.`,
    },
  ];
  const time = (name: string, description: string) => ({
    name,
    in: "query",
    required: name === "since",
    schema: { type: "string", format: "date-time" },
    description,
  });
  const eventDetail = toSchema(
    eventSummarySchema.omit({ element_id: true, deliveries: true }).extend({
      data: z.record(z.string(), z.unknown()),
      deliveries: z.array(z.any()),
    }),
    "output",
  );
  (eventDetail.properties as Record<string, JsonSchema>).deliveries = {
    type: "array",
    items: ref("EventDelivery"),
  };
  const replies = toSchema(z.object({ deliveries: z.array(z.any()) }), "output");
  (replies.properties as Record<string, JsonSchema>).deliveries = { type: "array", items: ref("Delivery") };

  const schemas: Record<string, JsonSchema> = {
    Delivery: toSchema(deliverySchema, "output"),
    EventDelivery: toSchema(deliverySchema.extend({ webhook_name: z.string() }), "output"),
    DeliveryPage: page("Delivery", "deliveries"),
    EventSummary: toSchema(eventSummarySchema, "output"),
    EventPage: page("EventSummary", "events"),
    Event: eventDetail,
    Replays: replies,
    Recovery: toSchema(recoverySchema, "output"),
    RecoveryCount: toSchema(z.object({ since: z.iso.datetime(), count: z.int() }), "output"),
  };

  const deliveryAction = (operationId: string, summary: string, description: string) => ({
    parameters: [idParameter],
    post: {
      operationId,
      summary,
      description,
      responses: {
        "202": { description: "The delivery, queued.", content: json(ref("Delivery")) },
        ...commonErrors,
        "404": deliveryNotFound,
        "409": conflict,
      },
    },
  });

  const paths = {
    "/events": {
      get: {
        operationId: "listEvents",
        summary: "The workspace's accepted events, newest first",
        parameters: [
          ...pageParameters(EVENT_PAGE_SIZE),
          { name: "element", in: "query", required: false, schema: { type: "string", enum: elementKeys } },
          { name: "trigger", in: "query", required: false, schema: { type: "string" } },
          {
            name: "state",
            in: "query",
            required: false,
            schema: { type: "string", enum: [...eventStates] },
            description: "Only events with at least one delivery in this state.",
          },
          time("from", "Received at or after this time."),
          time("to", "Received at or before this time."),
          {
            name: "search",
            in: "query",
            required: false,
            schema: { type: "string" },
            description: "An element id (the data's `id`), a prokey, or the event's id.",
          },
        ],
        responses: {
          "200": { description: "One page.", content: json(ref("EventPage")) },
          ...commonErrors,
          ...queryErrors,
        },
      },
    },
    "/events/{id}": {
      parameters: [idParameter],
      get: {
        operationId: "getEvent",
        summary: "One event with its data and every delivery it made",
        responses: {
          "200": { description: "The event.", content: json(ref("Event")) },
          ...commonErrors,
          "404": error("No event with this id."),
        },
      },
    },
    "/events/{id}/replay": {
      parameters: [idParameter],
      post: {
        operationId: "replayEvent",
        summary: "Send a stored event again",
        description:
          "A new delivery (a new `webhook-id`) to every active webhook the event reached, or to the one named " +
          "by `webhook_id` (active, on the event's trigger element and trigger), rendered from the webhook as " +
          "it is configured today with the event's data as received. The body may be left out.",
        requestBody: {
          required: false,
          content: json(toSchema(z.strictObject({ webhook_id: z.uuid().optional() }), "input") as JsonSchema),
        },
        responses: {
          "202": { description: "The new deliveries.", content: json(ref("Replays")) },
          ...commonErrors,
          ...bodyErrors,
          "404": error("No event, or no webhook, with this id."),
          "409": error("The webhook is switched off."),
        },
      },
    },
    "/deliveries/{id}": {
      parameters: [idParameter],
      get: {
        operationId: "getDelivery",
        summary: "One delivery's state",
        responses: {
          "200": { description: "The delivery.", content: json(ref("Delivery")) },
          ...commonErrors,
          "404": deliveryNotFound,
        },
      },
    },
    "/deliveries/{id}/retry": deliveryAction(
      "retryDelivery",
      "Send a pending, failed or cancelled delivery now",
      "The same delivery (same `webhook-id`, same request) goes out at once; should it fail again, its retry " +
        "schedule continues from the attempt it reached. 409 when it succeeded, is being sent right now, or " +
        "its webhook is switched off.",
    ),
    "/deliveries/{id}/replay": deliveryAction(
      "replayDelivery",
      "Send any delivery again as a new one",
      "A new delivery of the same event to the same webhook, whatever the original's state: a new " +
        "`webhook-id`, rendered from the webhook as configured today, linked by `replay_of`.",
    ),
    "/webhook/{id}/deliveries": {
      parameters: [idParameter],
      get: {
        operationId: "listWebhookDeliveries",
        summary: "A webhook's deliveries, newest first",
        parameters: pageParameters(DELIVERY_PAGE_SIZE),
        responses: {
          "200": { description: "One page.", content: json(ref("DeliveryPage")) },
          ...commonErrors,
          "404": webhookNotFound,
          ...queryErrors,
        },
      },
    },
    "/webhook/{id}/recover": {
      parameters: [idParameter],
      get: {
        operationId: "countRecoverableDeliveries",
        summary: "How many of a webhook's deliveries failed since a time",
        description: "What a recovery with this `since` would resend.",
        parameters: [time("since", "Deliveries created at or after this time.")],
        responses: {
          "200": { description: "The count.", content: json(ref("RecoveryCount")) },
          ...commonErrors,
          "404": webhookNotFound,
          ...queryErrors,
        },
      },
      post: {
        operationId: "recoverWebhook",
        summary: "Resend everything that failed for a webhook since a time",
        description:
          "Every delivery of the webhook whose state is `failed` and that was created at or after `since` " +
          "(and before this request) is queued again, as it was (same `webhook-id`), in batches by the " +
          "workers. Answers at once; follow the progress at `Location`.",
        requestBody: {
          required: true,
          content: json(toSchema(z.strictObject({ since: z.iso.datetime({ offset: true }) }), "input")),
        },
        responses: {
          "202": {
            description: "The recovery, counted and started.",
            content: json(ref("Recovery")),
            headers: {
              Location: {
                description: "`/api/v1/recoveries/{id}`.",
                required: true,
                schema: { type: "string" },
              },
            },
          },
          ...commonErrors,
          ...bodyErrors,
          "404": webhookNotFound,
          "409": error("The webhook is switched off."),
        },
      },
    },
    "/recoveries/{id}": {
      parameters: [idParameter],
      get: {
        operationId: "getRecovery",
        summary: "A recovery's progress",
        responses: {
          "200": { description: "The recovery.", content: json(ref("Recovery")) },
          ...commonErrors,
          "404": error("No recovery with this id."),
        },
      },
    },
  };
  return { schemas, paths };
}
