"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormProvider } from "react-hook-form";
import { useWorkspaceNameForm } from "@/components/auth/use-workspace-name-form";
import { TextField } from "@/components/forms/fields";
import { Button } from "@/components/ui/button";
import { notifySuccess } from "@/components/ui/toaster";
import { renameWorkspaceAction } from "@/lib/actions/workspaces";
import { useRouter } from "@/lib/i18n/navigation";

type Status = "saved" | "stale" | "forbidden" | null;

// Renames the workspace the page was shown for; the header's name and switcher follow on refresh.
export function WorkspaceNameForm({ workspaceId, name }: { workspaceId: string; name: string }) {
  const t = useTranslations("Settings.general");
  const tt = useTranslations("Toasts");
  const router = useRouter();
  const [status, setStatus] = useState<Status>(null);
  const { form, onSubmit, pending } = useWorkspaceNameForm(
    name,
    (values) => {
      setStatus(null);
      return renameWorkspaceAction(workspaceId, values);
    },
    (result, values) => {
      if (result.ok) {
        form.reset({ name: values.name.trim() });
        setStatus("saved");
        notifySuccess(tt("workspaceRenamed"));
        router.refresh();
      } else if (result.error !== "validation_failed") {
        setStatus(result.error);
      }
    },
  );

  return (
    <FormProvider {...form}>
      <form
        noValidate
        onSubmit={onSubmit}
        aria-labelledby="general-title"
        className="max-w-xl space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
      >
        <TextField
          id="workspace-name"
          name="name"
          label={t("name")}
          autoComplete="off"
          options={{ onChange: () => setStatus(null) }}
        />
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
    </FormProvider>
  );
}
