import { z } from "zod";
import { DECEPTIVE, MAX_NAME_LENGTH } from "@/lib/validation/text";

// Static schemas: an issue's message is a key of the "Validation" messages, its values come from
// `issueValues`, and the edge (API, action, form) puts them in the reader's language.

/** Statuses an inbox may be told to answer with: any final status a receiver could send. */
export const MIN_RESPONSE_STATUS = 200;
export const MAX_RESPONSE_STATUS = 599;
/** The longest delay before an inbox answers: twice the sender's 15 s timeout, so a timeout can be tried. */
export const MAX_RESPONSE_DELAY_MS = 30_000;
/** The longest Retry-After an inbox sends: one day, as far as a sender's retry schedule reaches. */
export const MAX_RETRY_AFTER_SECONDS = 86_400;

/** The values of each message key the schemas use. */
export const issueValues: Record<string, Record<string, number>> = {
  nameTooLong: { max: MAX_NAME_LENGTH },
  inboxStatus: { min: MIN_RESPONSE_STATUS, max: MAX_RESPONSE_STATUS },
  inboxDelay: { max: MAX_RESPONSE_DELAY_MS },
  inboxRetryAfter: { max: MAX_RETRY_AFTER_SECONDS },
  inboxLimit: { max: 100 },
};

const inboxNameSchema = z
  .string({ error: "nameRequired" })
  .trim()
  .min(1, { error: "nameRequired" })
  .max(MAX_NAME_LENGTH, { error: "nameTooLong" })
  .refine((name) => !DECEPTIVE.test(name), { error: "textInvisible" });

const responseFields = {
  response_status: z
    .int({ error: "inboxStatus" })
    .min(MIN_RESPONSE_STATUS, { error: "inboxStatus" })
    .max(MAX_RESPONSE_STATUS, { error: "inboxStatus" }),
  response_retry_after: z
    .int({ error: "inboxRetryAfter" })
    .min(0, { error: "inboxRetryAfter" })
    .max(MAX_RETRY_AFTER_SECONDS, { error: "inboxRetryAfter" })
    .nullable(),
  response_delay_ms: z
    .int({ error: "inboxDelay" })
    .min(0, { error: "inboxDelay" })
    .max(MAX_RESPONSE_DELAY_MS, { error: "inboxDelay" }),
};

export const createInboxSchema = z.strictObject(
  {
    name: inboxNameSchema,
    pinned: z.boolean({ error: "boolean" }).default(false),
    response_status: responseFields.response_status.default(200),
    response_retry_after: responseFields.response_retry_after.default(null),
    response_delay_ms: responseFields.response_delay_ms.default(0),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? "unknownFields" : "inboxObject") },
);

/** A change: rename, pin or unpin, or what the inbox answers; only the fields sent change. */
export const updateInboxSchema = z.strictObject(
  {
    name: inboxNameSchema.optional(),
    pinned: z.boolean({ error: "boolean" }).optional(),
    response_status: responseFields.response_status.optional(),
    response_retry_after: responseFields.response_retry_after.optional(),
    response_delay_ms: responseFields.response_delay_ms.optional(),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? "unknownFields" : "inboxObject") },
);

export type CreateInboxInput = z.input<typeof createInboxSchema>;
export type UpdateInboxInput = z.input<typeof updateInboxSchema>;

/** One refused field with its message key and values, not yet in anyone's language. */
export type InboxIssue = { path: string; key: string; values?: Record<string, string | number> };

export function inboxIssues(error: z.ZodError): InboxIssue[] {
  return error.issues.map((issue) => {
    const values: Record<string, string | number> = { ...issueValues[issue.message] };
    if (issue.code === "unrecognized_keys") values.fields = issue.keys.join(", ");
    return { path: issue.path.map(String).join("."), key: issue.message, values };
  });
}
