import type { Control } from "react-hook-form";
import type { WebhookFormValues } from "@/lib/webhooks/form-values";
import type { WebhookValues } from "@/lib/webhooks/schemas";

// The editor's form: text inputs in, the shared schema's parsed values out.
export type EditorControl = Control<WebhookFormValues, unknown, WebhookValues>;
