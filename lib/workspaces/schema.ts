import { z } from "zod";
import type { Translate } from "@/lib/validation/issues";
import { nameSchema } from "@/lib/validation/text";

/**
 * A workspace's name: the rule of every name people read (the webhook's too), messages from the
 * "Validation" namespace. Used by the forms, the server actions and the admin CLI.
 */
export function workspaceNameSchema(t: Translate) {
  return nameSchema(t);
}

/** The create and rename forms: just the name. */
export function workspaceFormSchema(t: Translate) {
  return z.strictObject({ name: workspaceNameSchema(t) });
}

export type WorkspaceFormValues = z.input<ReturnType<typeof workspaceFormSchema>>;
