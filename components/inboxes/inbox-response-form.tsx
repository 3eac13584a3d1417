"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useMemo, useTransition } from "react";
import { FormProvider, useForm } from "react-hook-form";
import { applyServerIssues } from "@/components/forms/apply-server-issues";
import { SelectField, TextField } from "@/components/forms/fields";
import { localizedResolver, useValidationTranslator } from "@/components/forms/localized-resolver";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { notifySuccess } from "@/components/ui/toaster";
import { updateInboxAction } from "@/lib/actions/inboxes";
import { useRouter } from "@/lib/i18n/navigation";
import {
  type InboxResponseFormValues,
  inboxResponseFormSchema,
  MAX_RESPONSE_DELAY_MS,
} from "@/lib/inbox/schema";

export type InboxResponse = { status: number; retryAfter: number | null; delayMs: number };

// The answers worth trying a sender's retries with: success, a final refusal (410 switches a webhook off),
// a server error, and rate limiting (with Retry-After).
const STATUSES = [200, 201, 202, 204, 400, 401, 403, 404, 410, 422, 429, 500, 502, 503, 504] as const;

const fields = ["response_status", "response_retry_after", "response_delay_ms"] as const;

// What the inbox answers every request with. Viewers see it, editors and owners change it.
export function InboxResponseForm({
  id,
  response,
  canEdit,
}: {
  id: string;
  response: InboxResponse;
  canEdit: boolean;
}) {
  const t = useTranslations("Inboxes.response");
  const tt = useTranslations("Toasts");
  const tv = useValidationTranslator();
  const router = useRouter();
  const resolver = useMemo(() => localizedResolver(zodResolver(inboxResponseFormSchema), tv), [tv]);
  const values = {
    response_status: String(response.status),
    response_retry_after: response.retryAfter === null ? "" : String(response.retryAfter),
    response_delay_ms: String(response.delayMs),
  };
  const form = useForm<InboxResponseFormValues, unknown, { [K in (typeof fields)[number]]: number | null }>({
    resolver,
    defaultValues: values,
  });
  const [pending, startTransition] = useTransition();
  const onSubmit = form.handleSubmit((parsed) =>
    startTransition(async () => {
      const result = await updateInboxAction(id, parsed);
      if (!result.ok) {
        applyServerIssues(form, result.issues, (path) =>
          (fields as readonly string[]).includes(path) ? (path as (typeof fields)[number]) : null,
        );
        return;
      }
      form.reset(form.getValues());
      notifySuccess(tt("inboxResponseSaved"));
      router.refresh();
    }),
  );
  const statusOptions = STATUSES.includes(response.status as (typeof STATUSES)[number])
    ? STATUSES
    : [response.status, ...STATUSES];

  return (
    <Card title={t("title")} headingId="inbox-response" description={t("description")}>
      <FormProvider {...form}>
        <form noValidate onSubmit={onSubmit} aria-labelledby="inbox-response" className="space-y-4">
          <fieldset disabled={!canEdit || pending} className="space-y-4">
            <SelectField id="inbox-status" name="response_status" label={t("status")}>
              {statusOptions.map((status) => (
                <option key={status} value={String(status)}>
                  {t("statusOption", { status: String(status) })}
                </option>
              ))}
            </SelectField>
            <TextField
              id="inbox-retry-after"
              name="response_retry_after"
              label={t("retryAfter")}
              hint={t("retryAfterHint")}
              inputMode="numeric"
              autoComplete="off"
            />
            <TextField
              id="inbox-delay"
              name="response_delay_ms"
              label={t("delay")}
              hint={t("delayHint", { max: String(MAX_RESPONSE_DELAY_MS) })}
              inputMode="numeric"
              autoComplete="off"
            />
          </fieldset>
          {canEdit ? (
            <Button type="submit" disabled={pending}>
              {pending ? t("saving") : t("save")}
            </Button>
          ) : (
            <p className="text-sm text-slate-500">{t("viewerNote")}</p>
          )}
        </form>
      </FormProvider>
    </Card>
  );
}
