"use client";

import { useTranslations } from "next-intl";
import { FormProvider } from "react-hook-form";
import { TextField } from "@/components/forms/fields";
import { Button, buttonClasses } from "@/components/ui/button";
import { createWorkspaceAction } from "@/lib/actions/workspaces";
import { Link } from "@/lib/i18n/navigation";
import { useWorkspaceNameForm } from "./use-workspace-name-form";

// The new workspace's name; on success the action makes it the active workspace and opens its list.
export function WorkspaceCreateForm({ cancelHref }: { cancelHref: string | null }) {
  const t = useTranslations("Workspaces.new");
  const { form, onSubmit, pending } = useWorkspaceNameForm("", createWorkspaceAction);

  return (
    <FormProvider {...form}>
      <form noValidate onSubmit={onSubmit} className="space-y-4" aria-label={t("title")}>
        <TextField
          id="workspace-name"
          name="name"
          label={t("name")}
          autoComplete="off"
          placeholder={t("namePlaceholder")}
        />
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
    </FormProvider>
  );
}
