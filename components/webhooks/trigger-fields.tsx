"use client";

import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { Controller, type UseFormReturn } from "react-hook-form";
import { SelectField, TextField, useFieldError } from "@/components/forms/fields";
import { describedBy, Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { catalogElement } from "@/lib/webhooks/catalog-view";
import type { WebhookFormValues } from "@/lib/webhooks/form-values";
import type { WebhookValues } from "@/lib/webhooks/schemas";
import { useCatalog } from "./catalog-context";
import { fieldId } from "./editor-fields";
import { elementLabels } from "./element-labels";
import { LazyVariablesPopover } from "./lazy-variables-popover";

type Form = UseFormReturn<WebhookFormValues, unknown, WebhookValues>;

// Trigger, trigger element (with the variables button beside it), prokey filter and filter fields:
// the last two only where the chosen element supports them.
export function TriggerFields({
  form,
  elementKey,
  trigger,
}: {
  form: Form;
  elementKey: string;
  trigger: string;
}) {
  const t = useTranslations("WebhookEditor.fields");
  const tRoot = useTranslations();
  const labels = useMemo(() => elementLabels(tRoot), [tRoot]);
  const { control, setValue, getValues, getFieldState, trigger: validate } = form;
  const catalog = useCatalog();
  const element = catalogElement(catalog, elementKey);
  const triggerError = useFieldError("trigger");
  const triggerId = fieldId("trigger");
  // What the variables popover did when it could not insert (copied to the clipboard, or not).
  const [status, setStatus] = useState<string | null>(null);

  return (
    <div className="space-y-5">
      <div className="grid gap-5 sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <Field id={triggerId} label={t("trigger")} hint={t("triggerHint")} error={triggerError}>
          <Controller
            control={control}
            name="trigger"
            render={({ field }) => (
              <Select
                id={triggerId}
                aria-invalid={triggerError ? true : undefined}
                aria-describedby={describedBy(triggerId, { hint: true, error: Boolean(triggerError) })}
                {...field}
              >
                {(element?.triggers ?? []).map((key) => (
                  <option key={key} value={key}>
                    {labels.trigger(elementKey, key)}
                  </option>
                ))}
              </Select>
            )}
          />
        </Field>
        <SelectField
          id={fieldId("trigger_element")}
          name="trigger_element"
          label={t("triggerElement")}
          hint={
            <>
              <span aria-live="polite" className={status ? "mb-1 block text-indigo-700" : "sr-only"}>
                {status}
              </span>
              {t("triggerElementHint")}
            </>
          }
          options={{
            // A trigger the new element lacks would be invalid: take its first one instead.
            onChange: (event: { target: { value: string } }) => {
              const next = catalogElement(catalog, event.target.value);
              if (!next) return;
              if (!next.triggers.includes(getValues("trigger"))) {
                setValue("trigger", next.triggers[0] ?? "", {
                  shouldValidate: getFieldState("trigger").invalid,
                });
              }
              if (!next.prokeyFilter) setValue("prokey_filter", "");
              setValue("filters", {});
            },
          }}
          trailing={
            <LazyVariablesPopover
              elementKey={elementKey}
              trigger={trigger}
              setValue={setValue}
              getFieldState={getFieldState}
              validate={validate}
              onStatus={setStatus}
            />
          }
        >
          {catalog.families.map((group) => (
            <optgroup key={group.family} label={labels.family(group.family)}>
              {group.elements.map((key) => (
                <option key={key} value={key}>
                  {labels.element(key)}
                </option>
              ))}
            </optgroup>
          ))}
        </SelectField>
      </div>

      {element?.prokeyFilter ? (
        <TextField
          id={fieldId("prokey_filter")}
          name="prokey_filter"
          label={t("prokeyFilter")}
          hint={t("prokeyFilterHint")}
          placeholder="b7e19d42-5c3a-4f8e-a6d1-92c0e4f7a358"
          autoComplete="off"
          spellCheck={false}
          className="max-w-md"
        />
      ) : null}

      {element && element.filters.length > 0 ? (
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">{t("filters")}</legend>
          <p className="mt-1 text-sm text-slate-500">{t("filtersHint")}</p>
          <div className="mt-3 grid gap-4 sm:grid-cols-3">
            {element.filters.map((filter) => (
              <TextField
                key={`${element.key}.${filter.key}`}
                id={fieldId(`filters.${filter.key}`)}
                name={`filters.${filter.key}`}
                label={labels.filter(element.key, filter.key)}
                inputMode={filter.type === "integer" ? "numeric" : undefined}
                autoComplete="off"
              />
            ))}
          </div>
        </fieldset>
      ) : null}
    </div>
  );
}
