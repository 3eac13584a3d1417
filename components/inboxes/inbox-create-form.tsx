"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormProvider } from "react-hook-form";
import { TextField } from "@/components/forms/fields";
import { Button } from "@/components/ui/button";
import { notifySuccess } from "@/components/ui/toaster";
import { createInboxAction } from "@/lib/actions/inboxes";
import { useRouter } from "@/lib/i18n/navigation";
import { PlusIcon } from "./icons";
import { useInboxNameForm } from "./use-inbox-name-form";

// Creates an inbox by name and opens it: its page has the address to send to.
export function CreateInboxForm({ full, limit }: { full: boolean; limit: number }) {
  const t = useTranslations("Inboxes");
  const tt = useTranslations("Toasts");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const { form, onSubmit, pending } = useInboxNameForm(
    "",
    (values) => {
      setError(null);
      return createInboxAction({ name: values.name });
    },
    (result) => {
      if (result.ok) {
        notifySuccess(tt("inboxCreated"));
        router.push(`/inboxes/${result.data.id}`);
      } else if (result.error === "limit_reached") setError(t("limitReached", { limit: String(limit) }));
      else if (result.error === "not_found") setError(t("forbidden"));
    },
  );
  return (
    <FormProvider {...form}>
      <form
        noValidate
        onSubmit={onSubmit}
        aria-label={t("create.title")}
        className="flex max-w-2xl flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
      >
        <TextField
          id="inbox-name"
          name="name"
          label={t("create.name")}
          placeholder={t("create.placeholder")}
          autoComplete="off"
          className="min-w-0 flex-1"
        />
        <Button type="submit" disabled={pending || full} className="mb-[1px]">
          <PlusIcon />
          {pending ? t("create.creating") : t("create.submit")}
        </Button>
        {full || error ? (
          <p role="status" data-testid="inbox-create-error" className="basis-full text-sm text-red-700">
            {error ?? t("limitReached", { limit: String(limit) })}
          </p>
        ) : null}
      </form>
    </FormProvider>
  );
}
