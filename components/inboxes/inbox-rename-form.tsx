"use client";

import { useTranslations } from "next-intl";
import { FormProvider } from "react-hook-form";
import { TextField } from "@/components/forms/fields";
import { Button } from "@/components/ui/button";
import { notifySuccess } from "@/components/ui/toaster";
import { updateInboxAction } from "@/lib/actions/inboxes";
import { useRouter } from "@/lib/i18n/navigation";
import { useInboxNameForm } from "./use-inbox-name-form";

export function InboxRenameForm({ id, name }: { id: string; name: string }) {
  const t = useTranslations("Inboxes");
  const tt = useTranslations("Toasts");
  const router = useRouter();
  const { form, onSubmit, pending } = useInboxNameForm(
    name,
    (values) => updateInboxAction(id, { name: values.name }),
    (result, values) => {
      if (!result.ok) return;
      form.reset({ name: values.name.trim() });
      notifySuccess(tt("inboxRenamed"));
      router.refresh();
    },
  );
  return (
    <FormProvider {...form}>
      <form
        noValidate
        onSubmit={onSubmit}
        aria-label={t("rename.title")}
        className="flex flex-wrap items-end gap-3"
      >
        <TextField
          id="inbox-rename"
          name="name"
          label={t("rename.name")}
          autoComplete="off"
          className="min-w-0 flex-1"
        />
        <Button type="submit" variant="secondary" disabled={pending} className="mb-[1px]">
          {pending ? t("rename.saving") : t("rename.submit")}
        </Button>
      </form>
    </FormProvider>
  );
}
