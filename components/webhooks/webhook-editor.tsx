"use client";

import { useTranslations } from "next-intl";
import { type ReactNode, useEffect, useMemo, useRef, useState, useTransition } from "react";
import {
  FormProvider,
  type Path,
  type Resolver,
  type ResolverResult,
  useForm,
  useFormState,
  useWatch,
} from "react-hook-form";
import { applyServerIssues } from "@/components/forms/apply-server-issues";
import { SelectField, TextField } from "@/components/forms/fields";
import { useValidationTranslator } from "@/components/forms/localized-resolver";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { notifySuccess } from "@/components/ui/toaster";
import { saveWebhookAction } from "@/lib/actions/webhooks";
import { Link, useRouter } from "@/lib/i18n/navigation";
import { catalogElement, type EditorCatalog } from "@/lib/webhooks/catalog-view";
import { formFieldOf, toWebhookInput, type WebhookFormValues } from "@/lib/webhooks/form-values";
import type { WebhookValues } from "@/lib/webhooks/schemas";
import { CatalogProvider } from "./catalog-context";
import { fieldId, StatusField, type SystemDisabled } from "./editor-fields";
import type { EditorControl } from "./editor-types";
import { KeyValueGrid } from "./key-value-grid";
import { LeaveGuard } from "./leave-guard";
import { RequestPreview } from "./request-preview";
import { TestSendPanel } from "./test-send";
import { TriggerFields } from "./trigger-fields";
import { ValueCellTargetProvider } from "./value-cell-target";

type Props = {
  // null creates a new webhook.
  webhookId: string | null;
  initialValues: WebhookFormValues;
  catalog: EditorCatalog;
  // Set when the system switched this webhook off (a 410, days of failures): the status says why.
  systemDisabled?: SystemDisabled | null;
  // Viewers see the webhook but cannot change it (the server actions refuse them too).
  readOnly?: boolean;
};

type FormResolver = Resolver<WebhookFormValues, unknown, WebhookValues>;

// zod, the catalog's schemas and Handlebars make up most of the editor's code but are needed only to
// validate: they load in the background once the editor is on screen.
const loadValidation = () => import("./editor-validation");

export function WebhookEditor({
  webhookId,
  initialValues,
  catalog,
  systemDisabled = null,
  readOnly = false,
}: Props) {
  const t = useTranslations("WebhookEditor");
  const tt = useTranslations("Toasts");
  const tValidation = useValidationTranslator();
  const router = useRouter();
  const [formIssues, setFormIssues] = useState<string[]>([]);
  const [leaving, startLeaving] = useTransition();

  // The one webhook schema, run on what the form would send (see toWebhookInput).
  const resolver = useMemo<FormResolver>(() => {
    let validator: ReturnType<typeof loadValidator> | null = null;
    function loadValidator() {
      return loadValidation().then((module) => module.createValidator(tValidation));
    }
    return async (values, context, options) => {
      validator ??= loadValidator();
      try {
        const validate = await validator;
        const input = toWebhookInput(values, catalogElement(catalog, values.trigger_element));
        return (await validate(input, context, options as never)) as ResolverResult<
          WebhookFormValues,
          WebhookValues
        >;
      } catch {
        // The validation code did not load (offline?): try again on the next attempt.
        validator = null;
        setFormIssues([t("errors.unexpected")]);
        return { values: {}, errors: { root: { type: "load" } } };
      }
    };
  }, [tValidation, catalog, t]);

  useEffect(() => {
    void loadValidation().catch(() => undefined);
  }, []);

  // Focus goes to the first invalid field in page order once its error shows (see the effect below), not
  // where react-hook-form would put it: the browser's own scroll leaves a field low on the page behind the
  // sticky save bar, with its message below the fold.
  const form = useForm<WebhookFormValues, unknown, WebhookValues>({
    defaultValues: initialValues,
    resolver,
    shouldFocusError: false,
  });
  const { control, register, handleSubmit, getValues } = form;
  const [elementKey, trigger, method] = useWatch({ control, name: ["trigger_element", "trigger", "method"] });
  const formRef = useRef<HTMLFormElement>(null);
  const [revealRequest, setRevealRequest] = useState(0);
  const revealFirstError = () => setRevealRequest((request) => request + 1);

  // After a refused save: the first invalid field, focused, in the middle of the viewport (clear of the
  // sticky bar, its message below it in view); the summary when no field holds the error.
  useEffect(() => {
    if (revealRequest === 0) return;
    const reveal = () => {
      const field = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      const target = field ?? formRef.current?.querySelector<HTMLElement>("[data-testid=form-issues]");
      if (!target) return false;
      field?.focus({ preventScroll: true });
      target.scrollIntoView({ block: "center" });
      return Boolean(field);
    };
    // Grid rows subscribe to their own errors and may mark themselves a frame later.
    if (!reveal()) {
      const frame = requestAnimationFrame(() => void reveal());
      return () => cancelAnimationFrame(frame);
    }
    return undefined;
  }, [revealRequest]);

  const onSubmit = handleSubmit(async (values) => {
    setFormIssues([]);
    let result: Awaited<ReturnType<typeof saveWebhookAction>>;
    try {
      result = await saveWebhookAction(webhookId, values);
    } catch {
      setFormIssues([t("errors.unexpected")]);
      return;
    }
    if (result.ok) {
      notifySuccess(tt("webhookSaved"));
      startLeaving(() => router.push("/webhooks"));
      return;
    }
    if (result.error === "not_found") {
      setFormIssues([t("errors.notFound")]);
      revealFirstError();
      return;
    }
    // Each issue goes to its field or grid cell; the rest are listed above the buttons.
    const current = getValues();
    const element = catalogElement(catalog, current.trigger_element);
    const fieldOf = (path: string) => formFieldOf(path, current, element) as Path<WebhookFormValues> | null;
    setFormIssues(applyServerIssues(form, result.issues, fieldOf));
    revealFirstError();
  }, revealFirstError);

  const bodyHint = method === "GET" ? t.rich("body.hintGet", { code }) : t.rich("body.hint", { code });

  return (
    <FormProvider {...form}>
      <CatalogProvider catalog={catalog}>
        <ValueCellTargetProvider>
          <form
            ref={formRef}
            noValidate
            onSubmit={onSubmit}
            aria-label={webhookId ? t("titleEdit") : t("titleNew")}
            // Tabbing into a field low on the page stops short of the sticky save bar (its height and a message).
            className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,25rem)] [&_:is(input,select,textarea)]:scroll-mb-36"
          >
            <fieldset disabled={readOnly} className="min-w-0 space-y-6">
              {readOnly ? (
                <p
                  data-testid="read-only"
                  className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900"
                >
                  {t("readOnly")}
                </p>
              ) : null}
              <Card title={t("sections.general")} headingId="section-general">
                <div className="grid gap-5 sm:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
                  <TextField
                    id={fieldId("name")}
                    name="name"
                    label={t("fields.name")}
                    hint={t("fields.nameHint")}
                    autoComplete="off"
                    maxLength={200}
                  />
                  <StatusField control={control} systemDisabled={systemDisabled} />
                </div>
              </Card>

              <Card title={t("sections.trigger")} headingId="section-trigger">
                <TriggerFields form={form} elementKey={elementKey} trigger={trigger} />
              </Card>

              <Card title={t("sections.request")} headingId="section-request">
                <div className="grid gap-5 sm:grid-cols-[9rem_minmax(0,1fr)]">
                  <SelectField id={fieldId("method")} name="method" label={t("fields.method")}>
                    {catalog.methods.map((option) => (
                      <option key={option} value={option}>
                        {option}
                      </option>
                    ))}
                  </SelectField>
                  <TextField
                    id={fieldId("payload_url")}
                    name="payload_url"
                    label={t("fields.payloadUrl")}
                    hint={t("fields.payloadUrlHint")}
                    type="url"
                    inputMode="url"
                    placeholder="https://example.com/webhooks/hooksmith"
                    autoComplete="off"
                    spellCheck={false}
                  />
                  <SelectField
                    id={fieldId("content_type")}
                    name="content_type"
                    label={t("fields.contentType")}
                    hint={method === "GET" ? t("fields.contentTypeHintGet") : t("fields.contentTypeHint")}
                    className="sm:col-span-2 sm:max-w-md"
                  >
                    {catalog.contentTypes.map((option) => (
                      <option key={option} value={option}>
                        {option}
                      </option>
                    ))}
                  </SelectField>
                </div>
              </Card>

              <KeyValueGrid
                name="header"
                control={control}
                register={register}
                hint={t.rich("header.hint", { code })}
              />
              <KeyValueGrid name="body" control={control} register={register} hint={bodyHint} />

              <FormIssues control={control} issues={formIssues} />

              <div
                data-testid="save-bar"
                className="sticky bottom-0 z-10 -mx-4 flex items-center justify-end gap-3 border-t border-slate-200 bg-slate-50/95 px-4 py-4 backdrop-blur sm:mx-0 sm:rounded-xl sm:border sm:bg-white/95 sm:shadow-sm"
              >
                <Link href="/webhooks" className={buttonClasses("secondary")}>
                  {readOnly ? t("actions.back") : t("actions.cancel")}
                </Link>
                {readOnly ? null : <SaveButton control={control} leaving={leaving} />}
              </div>
            </fieldset>

            <aside className="min-w-0 space-y-6 lg:sticky lg:top-6 lg:max-h-[calc(100vh-3rem)] lg:overflow-y-auto">
              {readOnly ? null : (
                <EditorTestSend
                  webhookId={webhookId}
                  control={control}
                  catalog={catalog}
                  getValues={getValues}
                />
              )}
              <RequestPreview control={control} />
            </aside>
          </form>
          {readOnly ? null : <LeaveGuard control={control} off={leaving} />}
        </ValueCellTargetProvider>
      </CatalogProvider>
    </FormProvider>
  );
}

function code(chunks: ReactNode) {
  return (
    <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] text-slate-700">{chunks}</code>
  );
}

// The test of what the form holds: the saved webhook when nothing changed, else the form as it would be
// saved (not logged: there is no webhook to log it under yet).
function EditorTestSend({
  webhookId,
  control,
  catalog,
  getValues,
}: {
  webhookId: string | null;
  control: EditorControl;
  catalog: EditorCatalog;
  getValues: () => WebhookFormValues;
}) {
  const { isDirty } = useFormState({ control });
  const [elementKey, trigger] = useWatch({ control, name: ["trigger_element", "trigger"] });
  const unsaved = webhookId === null || isDirty;
  return (
    <TestSendPanel
      webhookId={webhookId}
      element={elementKey}
      trigger={trigger}
      unsaved={unsaved}
      unsavedValues={() => {
        if (!unsaved) return null;
        const values = getValues();
        return toWebhookInput(values, catalogElement(catalog, values.trigger_element));
      }}
    />
  );
}

function SaveButton({ control, leaving }: { control: EditorControl; leaving: boolean }) {
  const t = useTranslations("WebhookEditor.actions");
  const { isSubmitting } = useFormState({ control });
  const busy = isSubmitting || leaving;
  return (
    <Button type="submit" disabled={busy} aria-busy={busy}>
      {busy ? t("saving") : t("save")}
    </Button>
  );
}

// The summary of a refused save, read out when it appears (role=alert is a live region): the issues no
// field shows, and the count and the messages of the field errors.
function FormIssues({ control, issues }: { control: EditorControl; issues: string[] }) {
  const t = useTranslations("WebhookEditor.errors");
  const { errors, isSubmitted } = useFormState({ control });
  const fieldMessages = isSubmitted ? errorMessages(errors) : [];
  const fieldErrors = fieldMessages.length;
  const listed = [...new Set([...issues, ...fieldMessages])];
  const visible = listed.length > 0;
  return (
    <div role="alert" data-testid="form-issues" className={visible ? "scroll-mb-28" : "sr-only"}>
      {visible ? (
        <div className="rounded-xl border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          <p className="font-medium">{t("title")}</p>
          {fieldErrors > 0 ? <p className="mt-1">{t("fields", { count: fieldErrors })}</p> : null}
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {listed.map((issue) => (
              <li key={issue}>{issue}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

function errorMessages(node: unknown): string[] {
  if (!node || typeof node !== "object") return [];
  if ("message" in node && typeof (node as { message: unknown }).message === "string") {
    return [(node as { message: string }).message];
  }
  return Object.entries(node).flatMap(([key, child]) => (key === "ref" ? [] : errorMessages(child)));
}
