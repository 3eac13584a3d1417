import { zodResolver } from "@hookform/resolvers/zod";
import { localizedResolver } from "@/components/forms/localized-resolver";
import type { Translate } from "@/lib/validation/issues";
import { webhookSchema } from "@/lib/webhooks/schemas";

// The shared webhook schema with zod, the catalog's schemas and the template parser: loaded after the
// editor has rendered (see webhook-editor.tsx), so none of it weighs on the editor's first load.
export function createValidator(t: Translate) {
  return localizedResolver(zodResolver(webhookSchema), t);
}
