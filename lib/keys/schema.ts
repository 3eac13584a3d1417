import { z } from "zod";
import { issueMessage as m } from "@/lib/validation/issues";
import { MAX_NAME_LENGTH } from "@/lib/validation/text";

export const keyKinds = ["api", "event"] as const;
/** The scopes of API keys. An event key has one right, sending events, stored as EVENT_KEY_SCOPE. */
export const keyScopes = ["read", "write", "read_write"] as const;
export const EVENT_KEY_SCOPE = "write" as const;
export const MAX_KEY_NAME_LENGTH = MAX_NAME_LENGTH;

// One schema for the key form and its server action; messages as "Validation" keys. An API key needs a
// scope; an event key takes none (it can only send events), and one given is refused, not ignored.
export const keySchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, m("keyNameRequired"))
      .max(MAX_KEY_NAME_LENGTH, m("keyNameTooLong", { max: MAX_KEY_NAME_LENGTH })),
    kind: z.enum(keyKinds, m("keyKindInvalid")),
    scope: z.enum(keyScopes, m("keyScopeInvalid")).optional(),
    // A date (yyyy-mm-dd) from the form: the key works until the end of that day, UTC. Empty: no expiry.
    expires: z
      .string()
      .trim()
      .refine((value) => value === "" || /^\d{4}-\d{2}-\d{2}$/.test(value), m("keyExpiryInvalid"))
      .refine((value) => value === "" || endOfDay(value) > Date.now(), m("keyExpiryPast")),
  })
  .superRefine((key, context) => {
    if (key.kind === "api" && key.scope === undefined) {
      context.addIssue({ code: "custom", path: ["scope"], message: m("keyScopeInvalid") });
    }
    if (key.kind === "event" && key.scope !== undefined) {
      context.addIssue({ code: "custom", path: ["scope"], message: m("keyScopeForEventKey") });
    }
  });

export type KeyFormValues = z.input<typeof keySchema>;

export function endOfDay(date: string): number {
  return Date.parse(`${date}T23:59:59.999Z`);
}
