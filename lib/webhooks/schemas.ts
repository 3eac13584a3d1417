import { z } from "zod";
import { URL_MASK } from "@/lib/crypto/url-secrets";
import { findVariable, getElement, variablesFor } from "@/lib/elements";
import { checkTemplate, MAX_TEMPLATE_VARIABLES } from "@/lib/templates/parse";
import { issueMessage as m } from "@/lib/validation/issues";
import { INVISIBLE, nameSchema, unstorable } from "@/lib/validation/text";

export const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export const contentTypes = ["application/json", "application/x-www-form-urlencoded"] as const;

// Headers the system sets on every delivery (build-request.ts, sign.ts) or that describe the connection
// (send.ts): a webhook may not set them, so no request ever carries two of one (README, "Sending webhooks").
export const reservedHeaders = [
  "host",
  "content-length",
  "content-type",
  "user-agent",
  "webhook-id",
  "webhook-timestamp",
  "webhook-signature",
  "transfer-encoding",
  "connection",
  "keep-alive",
] as const;

export const MAX_URL_LENGTH = 2048;
export const MAX_ROWS = 100;
export const MAX_KEY_LENGTH = 256;
export const MAX_VALUE_LENGTH = 8192;
// Fields the API returns but a client cannot set; a client sending a fetched webhook back unchanged is fine.
export const readOnlyFields = [
  "id",
  "date_created",
  "date_updated",
  "last_execution",
  "secret",
  "disabled_reason",
] as const;

// RFC 9110 token characters.
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const LINE_BREAK = /[\r\n]/;
// A header value may hold a tab, no other control character (RFC 9110), and no line separator.
const headerValueControl = (value: string) => /[\p{Cc}\p{Cs}\p{Zl}\p{Zp}]/u.test(value.replaceAll("\t", ""));
// What a header value's literal text may hold: visible ASCII, space and tab (RFC 9110 field-vchar without
// obs-text, which receivers read as Latin-1 or UTF-8 at will; Node refuses anything above U+00FF).
const HEADER_TEXT_INVALID = /[^\t\x20-\x7e]/u;

// As keys of the JSON the receiver gets, these pollute prototypes in careless JavaScript receivers.
const RESERVED_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const hasReservedKey = (value: unknown) =>
  value !== null && typeof value === "object" && Object.keys(value).some((key) => RESERVED_KEYS.has(key));

const keyValue = z.object(
  {
    key: z
      .string({ error: m("text") })
      // Lengths and counts abort: nothing over them reaches the checks below (templates are parsed there).
      .max(MAX_KEY_LENGTH, { error: m("keyTooLong", { max: MAX_KEY_LENGTH }), abort: true }),
    value: z
      .string({ error: m("text") })
      .max(MAX_VALUE_LENGTH, { error: m("valueTooLong", { max: MAX_VALUE_LENGTH }), abort: true }),
  },
  { error: m("keyValueRow") },
);
const rows = z
  .array(keyValue, { error: m("keyValueRows") })
  .max(MAX_ROWS, { error: m("tooManyRows", { max: MAX_ROWS }), abort: true });

// The one webhook schema: the editor's resolver, the server action and the REST API. Its messages are
// "Validation" keys (issueMessage), localized where a person reads them (localizeIssues).
export const webhookSchema = z
  .strictObject(
    {
      name: nameSchema,
      active: z.boolean({ error: m("boolean") }).default(true),
      method: z.enum(methods, { error: m("method", { allowed: methods.join(", ") }) }).default("POST"),
      payload_url: z
        .string({ error: m("urlRequired") })
        .trim()
        .min(1, { error: m("urlRequired") })
        .max(MAX_URL_LENGTH, { error: m("urlTooLong", { max: MAX_URL_LENGTH }), abort: true })
        // Whitespace and invisible characters: the URL parser would drop or encode them, so the stored
        // URL would not be the one that is sent.
        .refine((url) => !/\s/.test(url) && !INVISIBLE.test(url) && isHttpUrl(url), {
          error: m("urlInvalid"),
        })
        // A masked copy (what viewers and read keys get) must never be saved over the real credentials.
        .refine((url) => !url.includes(URL_MASK) && !url.includes(encodeURI(URL_MASK)), {
          error: m("urlMasked"),
        }),
      trigger_element: z.string({ error: m("elementRequired") }).min(1, { error: m("elementRequired") }),
      trigger: z.string({ error: m("triggerRequired") }).min(1, { error: m("triggerRequired") }),
      // The form sends "" for an empty filter field; both mean "no filter".
      prokey_filter: z.preprocess(
        (value) => (value === "" ? null : value),
        z
          .uuid({ error: m("prokeyInvalid") })
          .nullable()
          .default(null),
      ),
      filters: z
        .unknown()
        // Checked before parsing: zod drops a "__proto__" key silently, so the check below never sees it.
        .refine((value) => !hasReservedKey(value), { error: m("keyReserved"), abort: true })
        // What the record below accepts, for the OpenAPI document (which describes this first step).
        .meta({ type: "object", additionalProperties: { type: ["string", "number"] } })
        .pipe(
          z.record(z.string(), z.union([z.string(), z.number()], { error: m("filterValue") }), {
            error: m("filtersObject"),
          }),
        )
        .default({}),
      content_type: z
        .enum(contentTypes, { error: m("contentType", { allowed: contentTypes.join(", ") }) })
        .default("application/json"),
      header: rows.default([]),
      body: rows.default([]),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? m("unknownFields", { fields: issue.keys.join(", ") })
          : m("object"),
    },
  )
  .superRefine((webhook, ctx) => {
    const element = getElement(webhook.trigger_element);
    if (!element) {
      ctx.addIssue({ code: "custom", path: ["trigger_element"], message: m("elementUnknown") });
      return;
    }
    if (!element.triggers.includes(webhook.trigger)) {
      const allowed = element.triggers.join(", ");
      ctx.addIssue({ code: "custom", path: ["trigger"], message: m("triggerUnknown", { allowed }) });
      return;
    }
    if (webhook.prokey_filter !== null && !element.prokeyFilter) {
      ctx.addIssue({ code: "custom", path: ["prokey_filter"], message: m("prokeyNotSupported") });
    }
    for (const [key, value] of Object.entries(webhook.filters)) {
      const field = element.filters.find((filter) => filter.key === key);
      if (!field) {
        const allowed = element.filters.map((filter) => filter.key).join(", ") || "–";
        ctx.addIssue({ code: "custom", path: ["filters", key], message: m("filterUnknown", { allowed }) });
      } else if (field.type === "integer" && !/^-?\d+$/.test(String(value))) {
        ctx.addIssue({ code: "custom", path: ["filters", key], message: m("filterInteger") });
      } else if (String(value).trim() === "" || String(value).length > 200) {
        ctx.addIssue({ code: "custom", path: ["filters", key], message: m("filterValue") });
      } else if (INVISIBLE.test(String(value))) {
        ctx.addIssue({ code: "custom", path: ["filters", key], message: m("textInvisible") });
      }
    }

    const variables = variablesFor(element, webhook.trigger);
    // Each distinct path is looked up once per save; a value reports its first unknown variable only.
    const known = new Map<string, boolean>();
    const isKnown = (variable: string) => {
      let found = known.get(variable);
      if (found === undefined) {
        found = findVariable(variables, variable) !== undefined;
        known.set(variable, found);
      }
      return found;
    };
    // The literal text of a valid template (what is sent as it is), or null after reporting an issue.
    const checkValue = (value: string, path: (string | number)[]): string | null => {
      if (unstorable(value)) {
        ctx.addIssue({ code: "custom", path, message: m("textInvisible") });
        return null;
      }
      const check = checkTemplate(value);
      if (!check.ok) {
        const message =
          check.problem === "tooManyVariables"
            ? m("templateTooManyVariables", { max: MAX_TEMPLATE_VARIABLES })
            : m(check.problem === "syntax" ? "templateSyntax" : "templateUnsupported", {
                detail: check.detail,
              });
        ctx.addIssue({ code: "custom", path, message });
        return null;
      }
      const unknown = check.paths.find((variable) => !isKnown(variable));
      if (unknown !== undefined) {
        const valid = variables.map((variable) => variable.path).join(", ");
        ctx.addIssue({ code: "custom", path, message: m("unknownVariable", { variable: unknown, valid }) });
        return null;
      }
      return check.text;
    };

    const seenHeaders = new Set<string>();
    webhook.header.forEach((row, index) => {
      const name = row.key.toLowerCase();
      if (!HEADER_NAME.test(row.key)) {
        ctx.addIssue({ code: "custom", path: ["header", index, "key"], message: m("headerName") });
      } else if ((reservedHeaders as readonly string[]).includes(name)) {
        ctx.addIssue({
          code: "custom",
          path: ["header", index, "key"],
          message: m("headerReserved", { header: row.key }),
        });
      } else if (seenHeaders.has(name)) {
        ctx.addIssue({ code: "custom", path: ["header", index, "key"], message: m("headerDuplicate") });
      }
      seenHeaders.add(name);
      if (LINE_BREAK.test(row.value)) {
        ctx.addIssue({ code: "custom", path: ["header", index, "value"], message: m("headerLineBreak") });
      } else if (headerValueControl(row.value)) {
        ctx.addIssue({ code: "custom", path: ["header", index, "value"], message: m("textInvisible") });
      } else {
        const text = checkValue(row.value, ["header", index, "value"]);
        const invalid = text === null ? null : HEADER_TEXT_INVALID.exec(text)?.[0];
        if (invalid) {
          const code = `U+${invalid.codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0")}`;
          ctx.addIssue({
            code: "custom",
            path: ["header", index, "value"],
            message: m("headerCharacter", { character: invalid, code }),
          });
        }
      }
    });

    const seenBody = new Set<string>();
    webhook.body.forEach((row, index) => {
      if (row.key.trim() === "") {
        ctx.addIssue({ code: "custom", path: ["body", index, "key"], message: m("bodyKeyRequired") });
      } else if (INVISIBLE.test(row.key)) {
        ctx.addIssue({ code: "custom", path: ["body", index, "key"], message: m("textInvisible") });
      } else if (RESERVED_KEYS.has(row.key)) {
        ctx.addIssue({ code: "custom", path: ["body", index, "key"], message: m("keyReserved") });
      } else if (row.key === "element_data") {
        ctx.addIssue({ code: "custom", path: ["body", index, "key"], message: m("bodyKeyReserved") });
      } else if (seenBody.has(row.key)) {
        ctx.addIssue({ code: "custom", path: ["body", index, "key"], message: m("bodyKeyDuplicate") });
      }
      seenBody.add(row.key);
      checkValue(row.value, ["body", index, "value"]);
    });
  });

function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    // DNS limits: 253 characters in all, 63 per label.
    const labels = url.hostname.split(".");
    return (
      (url.protocol === "http:" || url.protocol === "https:") &&
      url.hostname.length > 0 &&
      url.hostname.length <= 253 &&
      labels.every((label) => label.length <= 63)
    );
  } catch {
    return false;
  }
}

export type WebhookSchema = typeof webhookSchema;
export type WebhookValues = z.output<WebhookSchema>;

export type Webhook = WebhookValues & {
  id: string;
  // Standard Webhooks signing secret; receivers verify `webhook-signature` with it.
  secret: string;
  // Set when Hooksmith switched the webhook off itself (the receiver answered 410, or days of failures).
  disabled_reason: string | null;
  date_created: string;
  date_updated: string | null;
  last_execution: string | null;
};
