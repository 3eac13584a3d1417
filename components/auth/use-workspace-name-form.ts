"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMemo, useTransition } from "react";
import { useForm } from "react-hook-form";
import { applyServerIssues } from "@/components/forms/apply-server-issues";
import { localizedResolver, useValidationTranslator } from "@/components/forms/localized-resolver";
import type { ActionResult } from "@/lib/actions/result";
import { type WorkspaceFormValues, workspaceFormSchema } from "@/lib/workspaces/schema";

/**
 * The workspace forms (create, rename): the shared name rule as the resolver, then the server action in a
 * transition (which follows the create action's redirect); a refused name shows on its one field.
 */
export function useWorkspaceNameForm<Result extends ActionResult<unknown>>(
  name: string,
  action: (values: WorkspaceFormValues) => Promise<Result>,
  onResult?: (result: Result, values: WorkspaceFormValues) => void,
) {
  const t = useValidationTranslator();
  const resolver = useMemo(() => localizedResolver(zodResolver(workspaceFormSchema), t), [t]);
  const form = useForm<WorkspaceFormValues>({ resolver, defaultValues: { name } });
  const [pending, startTransition] = useTransition();
  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      const result = await action(values);
      if (!result.ok) applyServerIssues(form, result.issues, () => "name");
      onResult?.(result, values);
    }),
  );
  return { form, onSubmit, pending };
}
