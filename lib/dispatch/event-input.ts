import "server-only";
import { z } from "zod";
import { type ElementDefinition, getElement } from "@/lib/elements";
import type { Locale } from "@/lib/i18n/routing";
import { type FieldIssue, issueMessage } from "@/lib/validation/issues";
import { unstorable } from "@/lib/validation/text";

export type EventInput = {
  element: ElementDefinition;
  trigger: string;
  // What goes under `element_data`: the data as sent, or only `{ id }` for a delete.
  data: Record<string, unknown>;
  prokey: string | null;
  /** A repeat of this key within 24 hours gets the first answer instead of a second event. */
  idempotencyKey: string | null;
};

export const IDEMPOTENCY_KEY_MAX = 255;
// Visible ASCII: a key travels in a header as well as in JSON, and must read the same in both.
const IDEMPOTENCY_KEY = new RegExp(`^[\\x21-\\x7E]{1,${IDEMPOTENCY_KEY_MAX}}$`);

/** A refused field; its message is a key of the "Validation" messages (localizeIssues puts it into words). */
export type EventIssue = FieldIssue;

const envelopeSchema = z.strictObject({
  trigger_element: z.string(),
  trigger: z.string(),
  data: z.record(z.string(), z.unknown()),
  prokey: z.string().min(1).max(200).nullable().optional(),
  idempotency_key: z.string().optional(),
});

// zod's own words for the shape of the data, one error map per language, built once.
const zodErrors = { en: z.locales.en().localeError, de: z.locales.de().localeError };

// A delete needs only the element's id: one schema per element, built at its first use.
const idOnlySchemas = new WeakMap<ElementDefinition, z.ZodType<{ id: unknown }>>();
function idOnlySchema(element: ElementDefinition) {
  let schema = idOnlySchemas.get(element);
  if (!schema) {
    schema = z.looseObject({ id: element.idSchema });
    idOnlySchemas.set(element, schema);
  }
  return schema;
}

// NUL and lone surrogates (unstorable, lib/validation): PostgreSQL cannot store the first in text, and
// neither is text a receiver can trust. Found iteratively, so deeply nested data cannot exhaust the stack.

type PathNode = { key: string; parent: PathNode | null } | null;

function pathOf(node: PathNode): string {
  const keys: string[] = [];
  for (let current = node; current; current = current.parent) keys.unshift(current.key);
  return keys.join(".");
}

function unstorablePath(value: unknown): string | null {
  const stack: [unknown, PathNode][] = [[value, null]];
  while (stack.length > 0) {
    const [current, node] = stack.pop() as [unknown, PathNode];
    if (typeof current === "string") {
      if (unstorable(current)) return pathOf(node);
    } else if (current !== null && typeof current === "object") {
      for (const [key, item] of Object.entries(current)) {
        if (unstorable(key)) return pathOf({ key, parent: node });
        stack.push([item, { key, parent: node }]);
      }
    }
  }
  return null;
}

function issuesOf(error: z.ZodError, prefix: string[] = []): EventIssue[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path.map(String)].join("."),
    message: issue.message,
  }));
}

// The key from the body field and the Idempotency-Key header: either, or both alike.
function idempotencyKeyOf(
  field: string | undefined,
  header: string | null,
): { ok: true; key: string | null } | { ok: false; issue: EventIssue } {
  if (field !== undefined && header !== null && field !== header) {
    return { ok: false, issue: { path: "idempotency_key", message: issueMessage("idempotencyKeyDiffers") } };
  }
  const key = field ?? header;
  if (key === null) return { ok: true, key: null };
  if (!IDEMPOTENCY_KEY.test(key)) {
    const path = field !== undefined ? "idempotency_key" : "Idempotency-Key";
    const message = issueMessage("idempotencyKeyInvalid", { max: IDEMPOTENCY_KEY_MAX });
    return { ok: false, issue: { path, message } };
  }
  return { ok: true, key };
}

/**
 * Checks a reported event: a known element and trigger, and data that fits the element's schema (a delete
 * needs only `id`), and its idempotency key if it has one (`idempotency_key`, or the Idempotency-Key
 * header given as `headerKey`). Its own messages are keys of the "Validation" messages, put into the
 * caller's words at the edge (localizeIssues); zod's own ones, for the shape of the data, come in `locale`.
 * Every schema is built once: nothing is built per event.
 */
export function parseEvent(
  input: unknown,
  locale: Locale,
  headerKey: string | null = null,
): { ok: true; event: EventInput } | { ok: false; issues: EventIssue[] } {
  const error = zodErrors[locale];
  const envelope = envelopeSchema.safeParse(input, { error });
  if (!envelope.success) return { ok: false, issues: issuesOf(envelope.error) };
  const { trigger_element, trigger, data, prokey } = envelope.data;
  const keyed = idempotencyKeyOf(envelope.data.idempotency_key, headerKey);
  if (!keyed.ok) return { ok: false, issues: [keyed.issue] };
  const idempotencyKey = keyed.key;
  const unsafe = unstorablePath({ data, prokey });
  if (unsafe !== null)
    return { ok: false, issues: [{ path: unsafe, message: issueMessage("textInvisible") }] };

  const element = getElement(trigger_element);
  if (!element)
    return { ok: false, issues: [{ path: "trigger_element", message: issueMessage("elementUnknown") }] };
  if (element.builtIn)
    return { ok: false, issues: [{ path: "trigger_element", message: issueMessage("elementBuiltIn") }] };
  if (!element.triggers.includes(trigger)) {
    const allowed = element.triggers.join(", ");
    return { ok: false, issues: [{ path: "trigger", message: issueMessage("triggerUnknown", { allowed }) }] };
  }

  if (element.idOnlyTriggers.includes(trigger)) {
    const idOnly = idOnlySchema(element).safeParse(data, { error });
    if (!idOnly.success) return { ok: false, issues: issuesOf(idOnly.error, ["data"]) };
    return {
      ok: true,
      event: { element, trigger, data: { id: idOnly.data.id }, prokey: prokey ?? null, idempotencyKey },
    };
  }

  const parsed = element.schema.safeParse(data, { error });
  if (!parsed.success) return { ok: false, issues: issuesOf(parsed.error, ["data"]) };
  const dataProkey = typeof data.prokey === "string" ? data.prokey : null;
  return { ok: true, event: { element, trigger, data, prokey: prokey ?? dataProkey, idempotencyKey } };
}
