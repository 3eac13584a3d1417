"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useMemo, useTransition } from "react";
import { useForm } from "react-hook-form";
import { localizedResolver, useValidationTranslator } from "@/components/forms/localized-resolver";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { describedBy, Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { createKeyAction } from "@/lib/actions/keys";
import { useRouter } from "@/lib/i18n/navigation";
import { type KeyFormValues, keyKinds, keySchema, keyScopes } from "@/lib/keys/schema";

const empty: KeyFormValues = { name: "", kind: "api", scope: "read_write", expires: "" };

export function KeyCreateForm() {
  const t = useTranslations("Settings.keys");
  const tv = useValidationTranslator();
  const router = useRouter();
  const [, startRefresh] = useTransition();
  const resolver = useMemo(() => localizedResolver(zodResolver(keySchema), tv), [tv]);
  const form = useForm<KeyFormValues>({ resolver, defaultValues: empty });
  const mutation = useMutation({
    mutationFn: (values: KeyFormValues) => createKeyAction(values),
    onSuccess: (result) => {
      if (result.ok) {
        form.reset(empty);
        startRefresh(() => router.refresh());
      } else if (result.error === "validation_failed") {
        for (const issue of result.issues ?? []) {
          form.setError(issue.path as keyof KeyFormValues, { message: issue.message });
        }
      }
    },
  });
  const { errors } = form.formState;
  const kind = form.watch("kind");
  const created = mutation.data?.ok ? mutation.data.data.token : null;

  return (
    <div className="space-y-4">
      <form
        noValidate
        onSubmit={form.handleSubmit((values) => mutation.mutate(values))}
        className="grid gap-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-4"
        aria-label={t("create.title")}
      >
        <Field id="key-name" label={t("create.name")} error={errors.name?.message}>
          <Input
            id="key-name"
            placeholder={t("create.namePlaceholder")}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={describedBy("key-name", { error: Boolean(errors.name) })}
            {...form.register("name")}
          />
        </Field>
        <Field id="key-kind" label={t("create.kind")} error={errors.kind?.message}>
          <Select id="key-kind" {...form.register("kind")}>
            {keyKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`kinds.${kind}`)}
              </option>
            ))}
          </Select>
        </Field>
        {kind === "event" ? (
          // An event key has one right: nothing to choose, and no scope is sent.
          <div>
            <p className="mb-1.5 text-sm font-medium text-slate-800">{t("create.scope")}</p>
            <p data-testid="event-key-scope" className="py-2 text-sm text-slate-900">
              {t("eventScope")}
            </p>
          </div>
        ) : (
          <Field id="key-scope" label={t("create.scope")} error={errors.scope?.message}>
            <Select id="key-scope" {...form.register("scope", { shouldUnregister: true })}>
              {keyScopes.map((scope) => (
                <option key={scope} value={scope}>
                  {t(`scopes.${scope}`)}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <Field
          id="key-expires"
          label={t("create.expires")}
          hint={t("create.expiresHint")}
          error={errors.expires?.message}
        >
          <Input
            id="key-expires"
            type="date"
            aria-invalid={errors.expires ? true : undefined}
            aria-describedby={describedBy("key-expires", { hint: true, error: Boolean(errors.expires) })}
            {...form.register("expires")}
          />
        </Field>
        <div className="sm:col-span-2 lg:col-span-4">
          <Button type="submit" disabled={mutation.isPending}>
            {mutation.isPending ? t("create.creating") : t("create.submit")}
          </Button>
          {mutation.isError ? <p className="mt-2 text-sm text-red-700">{t("failed")}</p> : null}
        </div>
      </form>
      {created ? (
        <div
          data-testid="created-key"
          className="space-y-3 rounded-xl border border-emerald-200 bg-emerald-50 p-4"
        >
          <p className="font-semibold text-emerald-900">{t("created.title")}</p>
          <p className="text-sm text-emerald-900">{t("created.text")}</p>
          <CopyField
            id="created-key"
            label={t("columns.prefix")}
            value={created}
            copyText={t("created.copy")}
            copiedText={t("created.copied")}
          />
          <Button variant="secondary" onClick={() => mutation.reset()}>
            {t("created.done")}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
