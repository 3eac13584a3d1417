import type { Resolver } from "react-hook-form";
import type { Translate } from "@/lib/validation/issues";
import type { WorkspaceFormValues } from "@/lib/workspaces/schema";

// The shared name schema reuses the webhook name's rule, so it brings zod, the element catalog and the
// template parser (~60 kB gzipped): loaded at the first check, as the webhook editor does, not with the page.
const load = () => Promise.all([import("@hookform/resolvers/zod"), import("@/lib/workspaces/schema")]);

export function workspaceNameResolver(t: Translate): Resolver<WorkspaceFormValues> {
  let resolver: Resolver<WorkspaceFormValues> | undefined;
  return async (values, context, options) => {
    if (!resolver) {
      const [{ zodResolver }, { workspaceFormSchema }] = await load();
      resolver = zodResolver(workspaceFormSchema(t));
    }
    return resolver(values, context, options);
  };
}
