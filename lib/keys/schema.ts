import { z } from "zod";
import type { Translate } from "@/lib/validation/issues";
import { MAX_NAME_LENGTH } from "@/lib/validation/text";

export const keyKinds = ["api", "event"] as const;
/** The scopes of API keys. An event key has one right, sending events, stored as EVENT_KEY_SCOPE. */
export const keyScopes = ["read", "write", "read_write"] as const;
export const EVENT_KEY_SCOPE = "write" as const;
export const MAX_KEY_NAME_LENGTH = MAX_NAME_LENGTH;

// One schema for the key form and its server action; messages from the "Validation" namespace. An API key
// needs a scope; an event key takes none (it can only send events), and one given is refused, not ignored.
export function createKeySchema(t: Translate, now = () => Date.now()) {
  return z
    .object({
      name: z
        .string()
        .trim()
        .min(1, t("keyNameRequired"))
        .max(MAX_KEY_NAME_LENGTH, t("keyNameTooLong", { max: MAX_KEY_NAME_LENGTH })),
      kind: z.enum(keyKinds, t("keyKindInvalid")),
      scope: z.enum(keyScopes, t("keyScopeInvalid")).optional(),
      // A date (yyyy-mm-dd) from the form: the key works until the end of that day, UTC. Empty: no expiry.
      expires: z
        .string()
        .trim()
        .refine((value) => value === "" || /^\d{4}-\d{2}-\d{2}$/.test(value), t("keyExpiryInvalid"))
        .refine((value) => value === "" || endOfDay(value) > now(), t("keyExpiryPast")),
    })
    .superRefine((key, context) => {
      if (key.kind === "api" && key.scope === undefined) {
        context.addIssue({ code: "custom", path: ["scope"], message: t("keyScopeInvalid") });
      }
      if (key.kind === "event" && key.scope !== undefined) {
        context.addIssue({ code: "custom", path: ["scope"], message: t("keyScopeForEventKey") });
      }
    });
}

export type KeyFormValues = z.input<ReturnType<typeof createKeySchema>>;

export function endOfDay(date: string): number {
  return Date.parse(`${date}T23:59:59.999Z`);
}
