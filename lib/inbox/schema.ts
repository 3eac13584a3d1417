import { z } from "zod";
import { issueMessage as m } from "@/lib/validation/issues";
import { nameSchema } from "@/lib/validation/text";

// Static schemas: an issue's message is a key of the "Validation" messages and its values (issueMessage);
// the edge (API, action, form) puts them in the reader's language with localizeIssues.

/** How many live inboxes a workspace may hold: each keeps up to 100 requests of up to 1 MiB. */
export const MAX_INBOXES_PER_WORKSPACE = 20;

/** Statuses an inbox may be told to answer with: any final status a receiver could send. */
export const MIN_RESPONSE_STATUS = 200;
export const MAX_RESPONSE_STATUS = 599;
/** The longest delay before an inbox answers: twice the sender's 15 s timeout, so a timeout can be tried. */
export const MAX_RESPONSE_DELAY_MS = 30_000;
/** The longest Retry-After an inbox sends: one day, as far as a sender's retry schedule reaches. */
export const MAX_RETRY_AFTER_SECONDS = 86_400;

const responseFields = {
  response_status: z
    .int({ error: m("inboxStatus", { min: MIN_RESPONSE_STATUS, max: MAX_RESPONSE_STATUS }) })
    .min(MIN_RESPONSE_STATUS, {
      error: m("inboxStatus", { min: MIN_RESPONSE_STATUS, max: MAX_RESPONSE_STATUS }),
    })
    .max(MAX_RESPONSE_STATUS, {
      error: m("inboxStatus", { min: MIN_RESPONSE_STATUS, max: MAX_RESPONSE_STATUS }),
    }),
  response_retry_after: z
    .int({ error: m("inboxRetryAfter", { max: MAX_RETRY_AFTER_SECONDS }) })
    .min(0, { error: m("inboxRetryAfter", { max: MAX_RETRY_AFTER_SECONDS }) })
    .max(MAX_RETRY_AFTER_SECONDS, { error: m("inboxRetryAfter", { max: MAX_RETRY_AFTER_SECONDS }) })
    .nullable(),
  response_delay_ms: z
    .int({ error: m("inboxDelay", { max: MAX_RESPONSE_DELAY_MS }) })
    .min(0, { error: m("inboxDelay", { max: MAX_RESPONSE_DELAY_MS }) })
    .max(MAX_RESPONSE_DELAY_MS, { error: m("inboxDelay", { max: MAX_RESPONSE_DELAY_MS }) }),
};

export const createInboxSchema = z.strictObject(
  {
    name: nameSchema,
    pinned: z.boolean({ error: m("boolean") }).default(false),
    response_status: responseFields.response_status.default(200),
    response_retry_after: responseFields.response_retry_after.default(null),
    response_delay_ms: responseFields.response_delay_ms.default(0),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? m("unknownFields", { fields: issue.keys.join(", ") })
        : m("inboxObject"),
  },
);

/** A change: rename, pin or unpin, or what the inbox answers; only the fields sent change. */
export const updateInboxSchema = z.strictObject(
  {
    name: nameSchema.optional(),
    pinned: z.boolean({ error: m("boolean") }).optional(),
    response_status: responseFields.response_status.optional(),
    response_retry_after: responseFields.response_retry_after.optional(),
    response_delay_ms: responseFields.response_delay_ms.optional(),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? m("unknownFields", { fields: issue.keys.join(", ") })
        : m("inboxObject"),
  },
);

export type UpdateInboxInput = z.input<typeof updateInboxSchema>;

/** The name forms (create, rename). */
export const inboxNameFormSchema = z.object({ name: nameSchema });
export type InboxNameFormValues = z.input<typeof inboxNameFormSchema>;

// Form inputs hold text: a number as typed; "" is none for Retry-After, 0 for the delay, and refused
// (not a number) for the status.
const typed = (empty: number | null) =>
  z
    .string()
    .trim()
    .transform((value) => (value === "" ? empty : Number(value)));

/** What the inbox answers, as its form holds it; the output is what updateInboxSchema takes. */
export const inboxResponseFormSchema = z.object({
  response_status: typed(Number.NaN).pipe(responseFields.response_status),
  response_retry_after: typed(null).pipe(responseFields.response_retry_after),
  response_delay_ms: typed(0).pipe(responseFields.response_delay_ms),
});
export type InboxResponseFormValues = z.input<typeof inboxResponseFormSchema>;
