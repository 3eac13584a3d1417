"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useMemo, useState, useTransition } from "react";
import { FormProvider, useForm } from "react-hook-form";
import { applyServerIssues } from "@/components/forms/apply-server-issues";
import { DateField, SelectField, TextField } from "@/components/forms/fields";
import { localizedResolver, useValidationTranslator } from "@/components/forms/localized-resolver";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { notifySuccess } from "@/components/ui/toaster";
import { createKeyAction } from "@/lib/actions/keys";
import { useRouter } from "@/lib/i18n/navigation";
import { type KeyFormValues, keyKinds, keySchema, keyScopes } from "@/lib/keys/schema";

const empty: KeyFormValues = { name: "", kind: "api", scope: "read_write", expires: "" };
const fields = new Set(Object.keys(empty));
const fieldOf = (path: string) => (fields.has(path) ? (path as keyof KeyFormValues) : null);

export function KeyCreateForm() {
  const t = useTranslations("Settings.keys");
  const tt = useTranslations("Toasts");
  const tv = useValidationTranslator();
  const router = useRouter();
  const [, startRefresh] = useTransition();
  const resolver = useMemo(() => localizedResolver(zodResolver(keySchema), tv), [tv]);
  const form = useForm<KeyFormValues>({ resolver, defaultValues: empty });
  // The new key's token, shown once; `failed`: the form could not be sent, or was refused without a field.
  const [created, setCreated] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const kind = form.watch("kind");
  const { isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFailed(false);
    setCreated(null);
    try {
      const result = await createKeyAction(values);
      if (result.ok) {
        setCreated(result.data.token);
        notifySuccess(tt("keyCreated"));
        form.reset(empty);
        startRefresh(() => router.refresh());
      } else if (applyServerIssues(form, result.issues, fieldOf).length > 0 || !result.issues) {
        setFailed(true);
      }
    } catch {
      setFailed(true);
    }
  });

  return (
    <div className="space-y-4">
      <FormProvider {...form}>
        <form
          noValidate
          onSubmit={onSubmit}
          className="grid gap-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-4"
          aria-label={t("create.title")}
        >
          <TextField
            id="key-name"
            name="name"
            label={t("create.name")}
            placeholder={t("create.namePlaceholder")}
          />
          <SelectField id="key-kind" name="kind" label={t("create.kind")}>
            {keyKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`kinds.${kind}`)}
              </option>
            ))}
          </SelectField>
          {kind === "event" ? (
            // An event key has one right: nothing to choose, and no scope is sent.
            <div>
              <p className="mb-1.5 text-sm font-medium text-slate-800">{t("create.scope")}</p>
              <p data-testid="event-key-scope" className="py-2 text-sm text-slate-900">
                {t("eventScope")}
              </p>
            </div>
          ) : (
            <SelectField
              id="key-scope"
              name="scope"
              label={t("create.scope")}
              options={{ shouldUnregister: true }}
            >
              {keyScopes.map((scope) => (
                <option key={scope} value={scope}>
                  {t(`scopes.${scope}`)}
                </option>
              ))}
            </SelectField>
          )}
          <DateField
            id="key-expires"
            name="expires"
            label={t("create.expires")}
            placeholder={t("create.expiresPlaceholder")}
            hint={t("create.expiresHint")}
          />
          <div className="sm:col-span-2 lg:col-span-4">
            <Button type="submit" disabled={isSubmitting}>
              {isSubmitting ? t("create.creating") : t("create.submit")}
            </Button>
            {failed ? <p className="mt-2 text-sm text-red-700">{t("failed")}</p> : null}
          </div>
        </form>
      </FormProvider>
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
          <Button variant="secondary" onClick={() => setCreated(null)}>
            {t("created.done")}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
