"use client";

import { useTranslations } from "next-intl";
import { useMemo, useTransition } from "react";
import { useForm } from "react-hook-form";
import { useValidationTranslator } from "@/components/forms/localized-resolver";
import { Button, buttonClasses } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { createWorkspaceAction } from "@/lib/actions/workspaces";
import { Link } from "@/lib/i18n/navigation";
import type { WorkspaceFormValues } from "@/lib/workspaces/schema";
import { workspaceNameResolver } from "./workspace-name-resolver";

// The new workspace's name; on success the action makes it the active workspace and opens its list.
export function WorkspaceCreateForm({ cancelHref }: { cancelHref: string | null }) {
  const t = useTranslations("Workspaces.new");
  const tv = useValidationTranslator();
  const resolver = useMemo(() => workspaceNameResolver(tv), [tv]);
  const form = useForm<WorkspaceFormValues>({ resolver, defaultValues: { name: "" } });
  const [pending, startTransition] = useTransition();
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) =>
    // A redirect ends the action: the transition follows it to the new workspace's list.
    startTransition(async () => {
      const result = await createWorkspaceAction(values);
      if (!result.ok && result.error === "validation_failed") {
        for (const issue of result.issues ?? []) form.setError("name", { message: issue.message });
      }
    }),
  );

  return (
    <form noValidate onSubmit={onSubmit} className="space-y-4" aria-label={t("title")}>
      <Field id="workspace-name" label={t("name")} error={errors.name?.message}>
        <Input
          id="workspace-name"
          autoComplete="off"
          placeholder={t("namePlaceholder")}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={describedBy("workspace-name", { error: Boolean(errors.name) })}
          {...form.register("name")}
        />
      </Field>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? t("submitting") : t("submit")}
        </Button>
        {cancelHref ? (
          <Link href={cancelHref} className={buttonClasses("ghost")}>
            {t("cancel")}
          </Link>
        ) : null}
      </div>
    </form>
  );
}
