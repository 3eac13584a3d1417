import { z } from "zod";
import { defineElement } from "./types";

// Hooksmith's own operational events ("alerts"): a workspace subscribes one of its webhooks to them like to
// any element, and they are delivered, signed and retried like any other event. Only Hooksmith reports them
// (lib/dispatch/alerts.ts); the intake refuses them from outside. A webhook on this element never causes one
// about itself, so a failing alert webhook cannot feed its own failures.
//
// - webhook.failing: the webhook's run of failures started (its first failure after a success);
// - webhook.disabled: the webhook was switched off by Hooksmith: `gone` (the receiver answered 410) or
//   `failing` (only failures for 5 days); a person switching it off is no alert;
// - webhook.recovered: a delivery succeeded after a run of failures (switching a webhook on again is a
//   person's act and sends nothing: the run of failures ends only with a success);
// - delivery.failed: a delivery failed for good (its retries used up, or a failure no retry can mend).
export const hooksmithTriggers = [
  "webhook.failing",
  "webhook.disabled",
  "webhook.recovered",
  "delivery.failed",
] as const;

export type HooksmithTrigger = (typeof hooksmithTriggers)[number];

const hooksmithSchema = z.looseObject({
  // The webhook the event is about (the event log finds its alerts by this id).
  id: z.uuid(),
  name: z.string(),
  // The payload URL with its credentials masked (lib/crypto/url-secrets.ts).
  url: z.string(),
  trigger_element: z.string(),
  trigger: z.string(),
  active: z.boolean(),
  disabled_reason: z.enum(["gone", "failing"]).nullable(),
  failing_since: z.iso.datetime().nullable(),
  // The last answer's status and error, when there was one.
  last_response_status: z.number().int().nullable(),
  last_error: z.string().nullable(),
  occurred_at: z.iso.datetime(),
  // delivery.failed only.
  delivery: z
    .looseObject({
      id: z.uuid(),
      event_id: z.uuid(),
      attempts: z.number().int(),
    })
    .optional(),
});

const failing: z.input<typeof hooksmithSchema> = {
  id: "4f7d2c1e-9a3b-4e6f-8c5d-2b1a0e9f7d63",
  name: "CRM-Anmeldungen",
  url: "https://crm.nordwind.example/hooks/rsvp?token=••••",
  trigger_element: "rsvp_answer",
  trigger: "create",
  active: true,
  disabled_reason: null,
  failing_since: "2026-03-02T09:14:27.318Z",
  last_response_status: 503,
  last_error: "HTTP 503",
  occurred_at: "2026-03-02T09:14:27.318Z",
};

export const hooksmith = defineElement({
  key: "hooksmith",
  family: "hooksmith",
  triggers: hooksmithTriggers,
  idOnlyTriggers: [],
  schema: hooksmithSchema,
  idSchema: z.uuid(),
  sample: failing,
  samplesByTrigger: {
    "webhook.disabled": {
      ...failing,
      active: false,
      disabled_reason: "gone",
      failing_since: null,
      last_response_status: 410,
      last_error: "HTTP 410",
      occurred_at: "2026-03-02T09:20:03.112Z",
    },
    "webhook.recovered": {
      ...failing,
      failing_since: null,
      last_response_status: 200,
      last_error: null,
      occurred_at: "2026-03-02T11:02:45.870Z",
    },
    "delivery.failed": {
      ...failing,
      occurred_at: "2026-03-03T17:14:27.318Z",
      delivery: {
        id: "9c2e5a71-3d8f-4b06-a1e4-7f5c0d2b8e39",
        event_id: "e1b3f7a2-6c4d-4e8b-9f01-5a2d7c3e6b48",
        attempts: 8,
      },
    },
  },
  fieldsByTrigger: { delivery: ["delivery.failed"] },
  builtIn: true,
  prokeyFilter: false,
  filters: [],
});
