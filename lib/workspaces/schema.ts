import { z } from "zod";
import { createWebhookSchema, type Translate } from "@/lib/webhooks/schemas";

/**
 * A workspace's name: the same rules as a webhook's name (trimmed, 1–100 characters, no control, lone
 * surrogate or direction-override characters), taken from that schema so the two cannot drift apart.
 * Messages from the "Validation" namespace. Used by the forms, the server actions and the admin CLI.
 */
export function workspaceNameSchema(t: Translate) {
  return createWebhookSchema(t).shape.name;
}

/** The create and rename forms: just the name. */
export function workspaceFormSchema(t: Translate) {
  return z.strictObject({ name: workspaceNameSchema(t) });
}

export type WorkspaceFormValues = z.input<ReturnType<typeof workspaceFormSchema>>;
