import { describe, expect, it } from "vitest";
import { parseEvent } from "@/lib/dispatch/event-input";
import { getElement } from "@/lib/elements";
import { validationTranslator } from "@/lib/i18n/translator";
import { checkTemplate } from "@/lib/templates/parse";
import { localizeIssues, toFieldIssues } from "@/lib/validation/issues";
import { webhookSchema as schema } from "@/lib/webhooks/schemas";

// Input that once got through validation (found by tests/api/hostile-input.test.ts): some reached the
// database and failed there with a 500 (NUL, lone surrogates), the rest was stored though it should not be.

const t = validationTranslator("en");
const valid = {
  name: "CRM sync",
  payload_url: "https://crm.example.com/hooks/rsvp",
  trigger: "create",
  trigger_element: "rsvp_answer",
};
const INVISIBLE = t("textInvisible");

function issuesOf(input: unknown): Record<string, string> {
  const result = schema.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(
    localizeIssues(toFieldIssues(result.error), t).map((issue) => [issue.path, issue.message]),
  );
}

const withFields = (fields: Record<string, unknown>) => issuesOf({ ...valid, ...fields });

describe("webhook text that cannot be stored or misleads the reader", () => {
  it("refuses NUL, control and direction-override characters in the name", () => {
    for (const name of ["CRM\u0000sync", "CRM\u0007", "CRM \u202Ecnys", "\u2066CRM"]) {
      expect(withFields({ name }), JSON.stringify(name)).toEqual({ name: INVISIBLE });
    }
    expect(withFields({ name: "Café – Anmeldungen ✓ 📅" })).toEqual({});
  });

  it("refuses payload URLs with whitespace, control or invisible characters", () => {
    for (const payload_url of [
      "https://crm.example.com/a\r\nX-Injected: 1",
      "https://crm.example.com/a b",
      "https://crm.example.com/a\u0000b",
      "https://crm.example.com/\u202Egpj.exe",
      "https://crm.exa\u200Bmple.com/",
    ]) {
      expect(Object.keys(withFields({ payload_url })), JSON.stringify(payload_url)).toEqual(["payload_url"]);
    }
  });

  it("refuses host names beyond DNS limits", () => {
    expect(Object.keys(withFields({ payload_url: `https://${"a.".repeat(127)}example.com/` }))).toEqual([
      "payload_url",
    ]);
    expect(Object.keys(withFields({ payload_url: `https://${"a".repeat(64)}.example.com/` }))).toEqual([
      "payload_url",
    ]);
    expect(withFields({ payload_url: `https://${"a".repeat(63)}.example.com/` })).toEqual({});
  });

  it("refuses control characters other than a tab in header values", () => {
    for (const value of ["a\u0000b", "a\u0007b", "a\u007fb", "a\u0085b", "a\u2028b"]) {
      expect(withFields({ header: [{ key: "X-Note", value }] }), JSON.stringify(value)).toEqual({
        "header.0.value": INVISIBLE,
      });
    }
    expect(withFields({ header: [{ key: "X-Note", value: "a\tb" }] })).toEqual({});
  });

  it("refuses invisible characters and prototype names as body keys", () => {
    for (const key of ["email\u0000", "element\u200B_data", "\u202Eliame", "a\nb"]) {
      expect(withFields({ body: [{ key, value: "x" }] }), JSON.stringify(key)).toEqual({
        "body.0.key": INVISIBLE,
      });
    }
    for (const key of ["__proto__", "constructor", "prototype"]) {
      expect(withFields({ body: [{ key, value: "x" }] })).toEqual({ "body.0.key": t("keyReserved") });
    }
  });

  it("refuses NUL and lone surrogates in body values, and keeps line breaks there", () => {
    expect(withFields({ body: [{ key: "a", value: "x\u0000" }] })).toEqual({ "body.0.value": INVISIBLE });
    expect(withFields({ body: [{ key: "a", value: "x\uD800" }] })).toEqual({ "body.0.value": INVISIBLE });
    expect(withFields({ body: [{ key: "a", value: "Line 1\nLine 2 😀" }] })).toEqual({});
  });

  it("refuses __proto__ as a filter key instead of dropping it silently", () => {
    const input = JSON.parse(
      '{"name":"x","payload_url":"https://crm.example.com/","trigger_element":"attendee","trigger":"create","filters":{"__proto__":"de"}}',
    );
    expect(Object.values(issuesOf(input))).toEqual([t("keyReserved")]);
  });

  it("refuses NUL in a filter value", () => {
    expect(withFields({ trigger_element: "attendee", filters: { language: "d\u0000e" } })).toEqual({
      "filters.language": INVISIBLE,
    });
  });
});

describe("templates that reach for prototypes", () => {
  it("are refused even where a wildcard variable would match them", () => {
    for (const source of [
      "{{payload.__proto__}}",
      "{{payload.constructor}}",
      "{{payload.[__proto__]}}",
      "{{metadata.prototype}}",
      "{{payload.__defineGetter__}}",
    ]) {
      expect(checkTemplate(source), source).toMatchObject({ ok: false, problem: "unsupported" });
    }
    expect(checkTemplate("{{payload.first_name}}")).toMatchObject({
      ok: true,
      paths: ["payload.first_name"],
    });
  });
});

describe("events with text that cannot be stored", () => {
  const answer = getElement("rsvp_answer")?.sample as Record<string, unknown>;
  const event = (data: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    trigger_element: "rsvp_answer",
    trigger: "create",
    data: { ...answer, ...data },
    ...extra,
  });

  it("refuses NUL and lone surrogates in data values, data keys and the prokey, naming the place", () => {
    const cases: [unknown, string][] = [
      [event({ payload: { note: "a\u0000b" } }), "data.payload.note"],
      [event({ payload: { "no\u0000te": "a" } }), "data.payload.no\u0000te"],
      [event({ payload: { list: ["ok", "\uDC00"] } }), "data.payload.list.1"],
      [event({}, { prokey: "b7e19d42\u0000" }), "prokey"],
    ];
    for (const [input, path] of cases) {
      const parsed = parseEvent(input, "en");
      expect(parsed.ok ? [] : localizeIssues(parsed.issues, t)).toEqual([{ path, message: INVISIBLE }]);
    }
  });

  it("accepts deeply nested and ordinary Unicode data", () => {
    let nested: unknown = "😀 Grüße";
    for (let depth = 0; depth < 5000; depth += 1) nested = [nested];
    const result = parseEvent(event({ extra: { nested } }), "en");
    expect(result.ok).toBe(true);
  });
});
