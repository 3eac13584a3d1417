import { describe, expect, it } from "vitest";
import { alertData, deliveryFailed, healthAlerts, isOperational } from "@/lib/dispatch/alert-policy";
import { getElement } from "@/lib/elements";

// Which operational events a change recorded by the batch writer announces (lib/dispatch/alert-policy.ts).

const crm = { trigger_element: "rsvp_answer" };
const ops = { trigger_element: "hooksmith" };
const at = new Date("2026-03-02T09:14:27.318Z");
const healthy = { failing_since: null };
const failing = { failing_since: at };

describe("healthAlerts", () => {
  it("announces the start of a run of failures once", () => {
    expect(healthAlerts(crm, healthy, { ...failing, switchedOff: false })).toEqual(["webhook.failing"]);
    expect(healthAlerts(crm, failing, { ...failing, switchedOff: false })).toEqual([]);
  });

  it("announces a switch-off, after 410 or days of failures", () => {
    expect(healthAlerts(crm, healthy, { ...healthy, switchedOff: true })).toEqual(["webhook.disabled"]);
    expect(healthAlerts(crm, failing, { ...failing, switchedOff: true })).toEqual(["webhook.disabled"]);
  });

  it("announces a first failure and a switch-off in the same batch both", () => {
    expect(healthAlerts(crm, healthy, { ...failing, switchedOff: true })).toEqual([
      "webhook.failing",
      "webhook.disabled",
    ]);
  });

  it("announces a recovery when a success ends a run of failures, and nothing for a success alone", () => {
    expect(healthAlerts(crm, failing, { ...healthy, switchedOff: false })).toEqual(["webhook.recovered"]);
    expect(healthAlerts(crm, healthy, { ...healthy, switchedOff: false })).toEqual([]);
  });

  it("announces nothing about an operational webhook, whatever happened to it", () => {
    expect(isOperational(ops)).toBe(true);
    expect(healthAlerts(ops, healthy, { ...failing, switchedOff: true })).toEqual([]);
    expect(healthAlerts(ops, failing, { ...healthy, switchedOff: false })).toEqual([]);
  });
});

describe("deliveryFailed", () => {
  it("holds for a delivery that failed for good after an attempt only", () => {
    expect(deliveryFailed({ status: "failed", tried: true })).toBe(true);
    // Never tried: its webhook was off, nothing was sent.
    expect(deliveryFailed({ status: "failed", tried: false })).toBe(false);
    expect(deliveryFailed({ status: "pending", tried: true })).toBe(false);
    expect(deliveryFailed({ status: "succeeded", tried: true })).toBe(false);
    expect(deliveryFailed({ status: "cancelled", tried: true })).toBe(false);
  });
});

describe("alertData", () => {
  const source = {
    id: "4f7d2c1e-9a3b-4e6f-8c5d-2b1a0e9f7d63",
    name: "CRM",
    url: "https://crm.example.com/hook?token=••••",
    trigger_element: "rsvp_answer",
    trigger: "create",
    active: false,
    disabled_reason: "gone",
    failing_since: null,
  };

  it("fits the operational element's schema, with the delivery only on delivery.failed", () => {
    const schema = getElement("hooksmith")?.schema;
    const disabled = alertData(source, { at, lastResponseStatus: 410, lastError: "HTTP 410" });
    expect(disabled).not.toHaveProperty("delivery");
    expect(schema?.safeParse(disabled).error).toBeUndefined();
    const delivery = {
      id: "9c2e5a71-3d8f-4b06-a1e4-7f5c0d2b8e39",
      event_id: "e1b3f7a2-6c4d-4e8b-9f01-5a2d7c3e6b48",
      attempts: 8,
    };
    const failed = alertData(
      { ...source, active: true, disabled_reason: null, failing_since: at },
      { at, lastResponseStatus: 500, lastError: "HTTP 500", delivery },
    );
    expect(failed).toMatchObject({ failing_since: at.toISOString(), delivery });
    expect(schema?.safeParse(failed).error).toBeUndefined();
  });
});
