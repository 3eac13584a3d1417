"use client";

import { useTranslations } from "next-intl";
import { useMemo, useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { workspaceNameResolver } from "@/components/auth/workspace-name-resolver";
import { useValidationTranslator } from "@/components/forms/localized-resolver";
import { Button } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { renameWorkspaceAction } from "@/lib/actions/workspaces";
import { useRouter } from "@/lib/i18n/navigation";
import type { WorkspaceFormValues } from "@/lib/workspaces/schema";

type Status = "saved" | "stale" | "forbidden" | null;

// Renames the workspace the page was shown for; the header's name and switcher follow on refresh.
export function WorkspaceNameForm({ workspaceId, name }: { workspaceId: string; name: string }) {
  const t = useTranslations("Settings.general");
  const tv = useValidationTranslator();
  const router = useRouter();
  const resolver = useMemo(() => workspaceNameResolver(tv), [tv]);
  const form = useForm<WorkspaceFormValues>({ resolver, defaultValues: { name } });
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<Status>(null);
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setStatus(null);
    startTransition(async () => {
      const result = await renameWorkspaceAction(workspaceId, values);
      if (result.ok) {
        form.reset({ name: values.name.trim() });
        setStatus("saved");
        router.refresh();
      } else if (result.error === "validation_failed") {
        for (const issue of result.issues ?? []) form.setError("name", { message: issue.message });
      } else {
        setStatus(result.error);
      }
    });
  });

  return (
    <form
      noValidate
      onSubmit={onSubmit}
      aria-labelledby="general-title"
      className="max-w-xl space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
    >
      <Field id="workspace-name" label={t("name")} error={errors.name?.message}>
        <Input
          id="workspace-name"
          autoComplete="off"
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={describedBy("workspace-name", { error: Boolean(errors.name) })}
          {...form.register("name", { onChange: () => setStatus(null) })}
        />
      </Field>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? t("saving") : t("submit")}
        </Button>
        {status ? (
          <p
            data-testid="workspace-name-status"
            role="status"
            className={status === "saved" ? "text-sm text-emerald-700" : "text-sm text-red-700"}
          >
            {t(status)}
          </p>
        ) : null}
      </div>
    </form>
  );
}
