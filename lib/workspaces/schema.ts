import { z } from "zod";
import { nameSchema } from "@/lib/validation/text";

/**
 * A workspace's name: the rule of every name people read (the webhook's too), messages as "Validation"
 * keys. Used by the forms, the server actions and the admin CLI.
 */
export const workspaceNameSchema = nameSchema;

/** The create and rename forms: just the name. */
export const workspaceFormSchema = z.strictObject({ name: workspaceNameSchema });

export type WorkspaceFormValues = z.input<typeof workspaceFormSchema>;
