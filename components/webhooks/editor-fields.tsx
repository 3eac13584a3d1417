"use client";

import { useTranslations } from "next-intl";
import type { ComponentProps, ReactNode } from "react";
import {
  Controller,
  type FieldError,
  get,
  type Path,
  type RegisterOptions,
  type UseFormRegister,
  useFormState,
} from "react-hook-form";
import { describedBy, Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { Switch } from "@/components/ui/switch";
import type { WebhookFormValues } from "@/lib/webhooks/form-values";
import { DisabledReason } from "./disabled-reason";
import type { EditorControl } from "./editor-types";

type FormPath = Path<WebhookFormValues>;

// Each field subscribes to its own error only, so a validation pass re-renders the fields it touched.
export function useFieldError(control: EditorControl, name: FormPath): string | undefined {
  const { errors } = useFormState({ control, name, exact: true });
  return (get(errors, name) as FieldError | undefined)?.message;
}

export const fieldId = (name: string) => `webhook-${name.replaceAll(".", "-")}`;

type BaseProps = {
  control: EditorControl;
  register: UseFormRegister<WebhookFormValues>;
  name: FormPath;
  label: ReactNode;
  hint?: ReactNode;
  className?: string;
  aside?: ReactNode;
};

export function TextField({
  control,
  register,
  name,
  label,
  hint,
  className,
  aside,
  ...inputProps
}: BaseProps & Omit<ComponentProps<"input">, "name">) {
  const error = useFieldError(control, name);
  const id = fieldId(name);
  return (
    <Field id={id} label={label} hint={hint} error={error} className={className} aside={aside}>
      <Input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, { hint: Boolean(hint), error: Boolean(error) })}
        {...inputProps}
        {...register(name)}
      />
    </Field>
  );
}

export function SelectField({
  control,
  register,
  name,
  label,
  hint,
  className,
  aside,
  options,
  trailing,
  children,
}: BaseProps & {
  children: ReactNode;
  options?: RegisterOptions<WebhookFormValues, FormPath>;
  // A control right beside the select (the variables button beside the trigger element).
  trailing?: ReactNode;
}) {
  const error = useFieldError(control, name);
  const id = fieldId(name);
  return (
    <Field id={id} label={label} hint={hint} error={error} className={className} aside={aside}>
      <div className="flex items-center gap-2">
        <Select
          id={id}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, { hint: Boolean(hint), error: Boolean(error) })}
          className="min-w-0 flex-1"
          {...register(name, options)}
        >
          {children}
        </Select>
        {trailing}
      </div>
    </Field>
  );
}

export type SystemDisabled = { reason: string; failingDays: number };

// `systemDisabled`: the system switched the webhook off; the reason shows while the switch stays off, and
// saving it switched on clears it.
export function StatusField({
  control,
  systemDisabled,
}: {
  control: EditorControl;
  systemDisabled?: SystemDisabled | null;
}) {
  const t = useTranslations("WebhookEditor.fields");
  const id = fieldId("active");
  const reasonId = `${id}-reason`;
  return (
    <Field id={id} label={t("status")} hint={t("statusHint")}>
      <Controller
        control={control}
        name="active"
        render={({ field }) => {
          const reason = field.value ? null : systemDisabled;
          return (
            <>
              <div className="flex h-10 items-center gap-3">
                <Switch
                  id={id}
                  ref={field.ref}
                  checked={field.value}
                  onCheckedChange={field.onChange}
                  onBlur={field.onBlur}
                  aria-describedby={[reason && reasonId, describedBy(id, { hint: true })]
                    .filter(Boolean)
                    .join(" ")}
                />
                <span
                  className={field.value ? "text-sm font-medium text-emerald-700" : "text-sm text-slate-500"}
                >
                  {field.value ? t("active") : t("inactive")}
                </span>
              </div>
              {reason ? (
                <DisabledReason
                  id={reasonId}
                  reason={reason.reason}
                  failingDays={reason.failingDays}
                  withHint
                  className="mt-1 rounded-md bg-amber-50 px-2.5 py-2 ring-1 ring-amber-200"
                />
              ) : null}
            </>
          );
        }}
      />
    </Field>
  );
}
