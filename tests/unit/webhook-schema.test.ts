import { describe, expect, it } from "vitest";
import { validationTranslator } from "@/lib/i18n/translator";
import { localizeIssues, toFieldIssues } from "@/lib/validation/issues";
import { webhookSchema as schema } from "@/lib/webhooks/schemas";
import { cpuMillis } from "../helpers/cpu-time";

// The schema's messages are keys; what a person reads is what localizeIssues makes of them.
const english = validationTranslator("en");
const german = validationTranslator("de");

const valid = {
  name: "CRM sync",
  payload_url: "https://crm.example.com/hooks/rsvp",
  trigger: "create",
  trigger_element: "rsvp_answer",
};

function issuesOf(input: Record<string, unknown>, t = english) {
  const result = schema.safeParse({ ...valid, ...input });
  return result.success ? [] : localizeIssues(toFieldIssues(result.error), t);
}

function pathsOf(input: Record<string, unknown>) {
  return issuesOf(input).map((issue) => issue.path);
}

describe("webhook schema", () => {
  it("applies the defaults of an Add to Calendar PRO webhook", () => {
    const parsed = schema.parse(valid);
    expect(parsed).toMatchObject({
      active: true,
      method: "POST",
      content_type: "application/json",
      prokey_filter: null,
      filters: {},
      header: [],
      body: [],
    });
  });

  it("requires a name of 1 to 100 characters", () => {
    expect(pathsOf({ name: "" })).toEqual(["name"]);
    expect(pathsOf({ name: "   " })).toEqual(["name"]);
    expect(pathsOf({ name: "x".repeat(101) })).toEqual(["name"]);
    expect(pathsOf({ name: "x".repeat(100) })).toEqual([]);
  });

  it("accepts only absolute http(s) payload URLs of at most 2048 characters", () => {
    for (const url of ["ftp://example.com", "/relative", "example.com/x", "javascript:alert(1)", "http://"]) {
      expect(pathsOf({ payload_url: url }), url).toEqual(["payload_url"]);
    }
    const long = `https://example.com/${"a".repeat(2048 - 20)}`;
    expect(long.length).toBe(2048);
    expect(pathsOf({ payload_url: long })).toEqual([]);
    expect(pathsOf({ payload_url: `${long}a` })).toEqual(["payload_url"]);
  });

  it("rejects a trigger the element does not have, naming the allowed ones", () => {
    const [issue] = issuesOf({ trigger: "reschedule" });
    expect(issue?.path).toBe("trigger");
    expect(issue?.message).toContain("create, update, delete");
  });

  it("rejects an unknown trigger element and unknown fields", () => {
    expect(pathsOf({ trigger_element: "invoice" })).toEqual(["trigger_element"]);
    expect(issuesOf({ secret_sauce: 1 })[0]?.message).toContain("secret_sauce");
  });

  it("rejects header names that are no HTTP token, duplicates ignoring case, and reserved names", () => {
    const header = [
      { key: "X-Api-Key", value: "a" },
      { key: "x-api-key", value: "b" },
      { key: "Bad Name", value: "c" },
      { key: "Content-Type", value: "d" },
      { key: "webhook-signature", value: "e" },
      { key: "", value: "f" },
    ];
    expect(pathsOf({ header })).toEqual([
      "header.1.key",
      "header.2.key",
      "header.3.key",
      "header.4.key",
      "header.5.key",
    ]);
  });

  it("rejects a line break in a header value", () => {
    expect(pathsOf({ header: [{ key: "X-Note", value: "a\r\nInjected: yes" }] })).toEqual(["header.0.value"]);
    expect(pathsOf({ header: [{ key: "X-Note", value: "a\nb" }] })).toEqual(["header.0.value"]);
  });

  it("rejects empty, duplicate and element_data body keys", () => {
    const body = [
      { key: "user-email", value: "{{email}}" },
      { key: "user-email", value: "x" },
      { key: "", value: "y" },
      { key: "element_data", value: "z" },
    ];
    expect(pathsOf({ body })).toEqual(["body.1.key", "body.2.key", "body.3.key"]);
  });

  it("accepts variables of the element and rejects unknown ones with the valid list", () => {
    expect(pathsOf({ body: [{ key: "e", value: "{{email}} / {{payload.first_name}}" }] })).toEqual([]);
    const [issue] = issuesOf({ body: [{ key: "e", value: "{{emial}}" }] });
    expect(issue?.path).toBe("body.0.value");
    expect(issue?.message).toContain('"emial"');
    expect(issue?.message).toContain("email, amount");
  });

  it("offers only id on a delete trigger", () => {
    expect(pathsOf({ trigger: "delete", body: [{ key: "id", value: "{{id}}" }] })).toEqual([]);
    expect(pathsOf({ trigger: "delete", body: [{ key: "e", value: "{{email}}" }] })).toEqual([
      "body.0.value",
    ]);
  });

  it("rejects templates that do not compile or use helpers and blocks", () => {
    expect(pathsOf({ body: [{ key: "a", value: "{{email" }] })).toEqual(["body.0.value"]);
    expect(pathsOf({ body: [{ key: "a", value: "{{#if email}}x{{/if}}" }] })).toEqual(["body.0.value"]);
    expect(pathsOf({ body: [{ key: "a", value: "{{lookup this 'constructor'}}" }] })).toEqual([
      "body.0.value",
    ]);
    expect(pathsOf({ header: [{ key: "X-A", value: "{{> partial}}" }] })).toEqual(["header.0.value"]);
    expect(pathsOf({ body: [{ key: "a", value: "{{constructor.name}}" }] })).toEqual(["body.0.value"]);
  });

  it("allows the prokey filter only on RSVP answers and only as a UUID", () => {
    expect(pathsOf({ prokey_filter: "b7e19d42-5c3a-4f8e-a6d1-92c0e4f7a358" })).toEqual([]);
    expect(pathsOf({ prokey_filter: "not-a-uuid" })).toEqual(["prokey_filter"]);
    expect(schema.parse({ ...valid, prokey_filter: "" }).prokey_filter).toBeNull();
  });

  it("rejects filter fields the element does not have", () => {
    expect(pathsOf({ filters: { ticket_type: "sponsor" } })).toEqual(["filters.ticket_type"]);
  });

  it("speaks German when asked", () => {
    const [issue] = issuesOf({ header: [{ key: "Host", value: "x" }] }, german);
    expect(issue?.message).toBe("Den Header Host setzt Hooksmith selbst; wähle einen anderen Namen.");
  });
});

describe("webhook schema: what cannot be sent does not save", () => {
  it("checks lengths and row counts before parsing any template, in well under a second", () => {
    // The freeze payload of issue 9: ~125 KiB of nested blocks that took Handlebars' parser ~43 s.
    const freeze = `${"{{#if a}}".repeat(8000)}x${"{{/if}}".repeat(8000)}`;
    let issues: ReturnType<typeof issuesOf> = [];
    const spent = cpuMillis(() => {
      issues = issuesOf({ body: [{ key: "a", value: freeze }], header: [{ key: "X-A", value: freeze }] });
    });
    expect(spent).toBeLessThan(500);
    expect(issues.map((issue) => issue.path).sort()).toEqual(["body.0.value", "header.0.value"]);
    expect(issues[0]?.message).toBe("Use at most 8192 characters for the value.");

    const rows = Array.from({ length: 101 }, (_, index) => ({ key: `k${index}`, value: "{{#if a}}" }));
    expect(pathsOf({ body: rows })).toEqual(["body"]);
  });

  it("keeps a save of 200 values at the limits fast (the parser's work is linear and bounded)", () => {
    const value = `${"{{email}} ".repeat(50)}${"x".repeat(8192 - 500)}`;
    const subexpressions = `{{a ${"(b ".repeat(1350)}${")".repeat(1350)}}}`;
    expect(subexpressions.length).toBeLessThanOrEqual(8192);
    const rows = (template: string) =>
      Array.from({ length: 100 }, (_, index) => ({ key: `X-K${index}`, value: template }));
    for (const template of [value, subexpressions]) {
      const spent = cpuMillis(() => issuesOf({ header: rows(template), body: rows(template) }));
      expect(spent, template.slice(0, 20)).toBeLessThan(250);
    }
    expect(pathsOf({ body: [{ key: "a", value: "{{email}}".repeat(51) }] })).toEqual(["body.0.value"]);
  });

  it("refuses a header value character HTTP cannot carry, naming it", () => {
    const [issue] = issuesOf({ header: [{ key: "X-Snow", value: "let it ☃ snow" }] });
    expect(issue).toEqual({
      path: "header.0.value",
      message:
        "Header values can only hold ASCII letters, digits, punctuation, spaces and tabs, not “☃” (U+2603).",
    });
    const [inGerman] = issuesOf({ header: [{ key: "X-Name", value: "Müller {{email}}" }] }, german);
    expect(inGerman?.message).toContain("„ü“ (U+00FC)");
    // Variable names are not sent: only the literal text must be ASCII.
    expect(pathsOf({ header: [{ key: "X-A", value: "\tBearer {{email}} ~!" }] })).toEqual([]);
  });

  it("refuses User-Agent with the other headers Hooksmith sets, naming the header", () => {
    for (const key of ["User-Agent", "transfer-encoding", "Connection"]) {
      expect(issuesOf({ header: [{ key, value: "x" }] })).toEqual([
        { path: "header.0.key", message: `Hooksmith sets the ${key} header itself; choose another name.` },
      ]);
    }
  });

  it("accepts whitespace control, which now renders as it checks", () => {
    expect(pathsOf({ body: [{ key: "a", value: "{{~email~}}" }] })).toEqual([]);
    expect(pathsOf({ body: [{ key: "a", value: "{{! note }}{{email}}" }] })).toEqual(["body.0.value"]);
  });

  it("never saves a masked payload URL over the real one", () => {
    for (const url of ["https://user:••••@crm.example.com/x", "https://crm.example.com/x?token=••••"]) {
      expect(issuesOf({ payload_url: url })).toEqual([
        { path: "payload_url", message: "This URL holds masked credentials (••••); enter the real ones." },
      ]);
    }
  });
});
