import { zodResolver } from "@hookform/resolvers/zod";
import type { Resolver } from "react-hook-form";
import { localizedResolver } from "@/components/forms/localized-resolver";
import type { Translate } from "@/lib/validation/issues";
import { type WorkspaceFormValues, workspaceFormSchema } from "@/lib/workspaces/schema";

// The shared name rule (lib/validation/text.ts) brings only zod: no need to load it lazily.
export function workspaceNameResolver(t: Translate): Resolver<WorkspaceFormValues> {
  return localizedResolver(zodResolver(workspaceFormSchema), t);
}
