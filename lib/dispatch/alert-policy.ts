import "server-only";
import type { HooksmithTrigger } from "@/lib/elements";
import type { WebhookHealth } from "./failure-policy";

// Which operational events (the `hooksmith` element, lib/elements/hooksmith.ts) a change recorded by the
// batch writer causes. Pure, like the failure policy it reads: record.ts and alerts.ts carry it out.
//
// - the run of failures starts (failing_since goes from empty to set): webhook.failing;
// - the policy switches the webhook off (410, or days of failures): webhook.disabled;
// - a success ends a run of failures: webhook.recovered;
// - a delivery fails for good after a real attempt (retries used up, 410, a request that can never go
//   out): delivery.failed. One that was never tried (its webhook was off) is no alert: nothing was sent.
// A webhook on the hooksmith element causes none of them, so an alert webhook that fails is not told
// about its own failures, and no alert can cause another about itself.

type Health = Pick<WebhookHealth, "failing_since">;

/** What a webhook's change of health announces, given its state before and after a batch. */
export function healthAlerts(
  source: { trigger_element: string },
  before: Health,
  after: Health & { switchedOff: boolean },
): HooksmithTrigger[] {
  return isOperational(source) ? [] : healthChanges(before, after);
}

/** The alerts a change of health would announce for any webhook but an operational one. */
export function healthChanges(before: Health, after: Health & { switchedOff: boolean }): HooksmithTrigger[] {
  const alerts: HooksmithTrigger[] = [];
  if (!before.failing_since && after.failing_since) alerts.push("webhook.failing");
  if (after.switchedOff) alerts.push("webhook.disabled");
  if (before.failing_since && !after.failing_since && !after.switchedOff) alerts.push("webhook.recovered");
  return alerts;
}

/** Whether a delivery's outcome announces `delivery.failed` (unless its webhook is operational). */
export function deliveryFailed(outcome: { status: string; tried: boolean }): boolean {
  return outcome.status === "failed" && outcome.tried;
}

export const OPERATIONAL_ELEMENT = "hooksmith";

export function isOperational(webhook: { trigger_element: string }): boolean {
  return webhook.trigger_element === OPERATIONAL_ELEMENT;
}

/** The webhook an alert is about, as it is after the change (its URL already masked). */
export type AlertSource = {
  id: string;
  name: string;
  url: string;
  trigger_element: string;
  trigger: string;
  active: boolean;
  disabled_reason: string | null;
  failing_since: Date | null;
};

export type AlertDetail = {
  at: Date;
  lastResponseStatus: number | null;
  lastError: string | null;
  /** delivery.failed only. */
  delivery?: { id: string; event_id: string; attempts: number };
};

/** The `element_data` of an alert, in the shape lib/elements/hooksmith.ts declares. */
export function alertData(source: AlertSource, detail: AlertDetail): Record<string, unknown> {
  return {
    id: source.id,
    name: source.name,
    url: source.url,
    trigger_element: source.trigger_element,
    trigger: source.trigger,
    active: source.active,
    disabled_reason: source.disabled_reason,
    failing_since: source.failing_since?.toISOString() ?? null,
    last_response_status: detail.lastResponseStatus,
    last_error: detail.lastError,
    occurred_at: detail.at.toISOString(),
    ...(detail.delivery ? { delivery: detail.delivery } : {}),
  };
}
