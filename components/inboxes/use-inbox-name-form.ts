"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMemo, useTransition } from "react";
import { useForm } from "react-hook-form";
import { applyServerIssues } from "@/components/forms/apply-server-issues";
import { localizedResolver, useValidationTranslator } from "@/components/forms/localized-resolver";
import type { ActionResult } from "@/lib/actions/result";
import { type InboxNameFormValues, inboxNameFormSchema } from "@/lib/inbox/schema";

/** The inbox name forms (create, rename): the shared name rule, then the action; a refusal on its field. */
export function useInboxNameForm<Result extends ActionResult<unknown>>(
  name: string,
  action: (values: InboxNameFormValues) => Promise<Result>,
  onResult: (result: Result, values: InboxNameFormValues) => void,
) {
  const t = useValidationTranslator();
  const resolver = useMemo(() => localizedResolver(zodResolver(inboxNameFormSchema), t), [t]);
  const form = useForm<InboxNameFormValues>({ resolver, defaultValues: { name } });
  const [pending, startTransition] = useTransition();
  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      const result = await action(values);
      if (!result.ok) applyServerIssues(form, result.issues, (path) => (path === "name" ? "name" : null));
      onResult(result, values);
    }),
  );
  return { form, onSubmit, pending };
}
