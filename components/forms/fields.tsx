"use client";

import { useLocale } from "next-intl";
import type { ComponentProps, ReactNode } from "react";
import { type FieldError, get, type RegisterOptions, useFormContext, useFormState } from "react-hook-form";
import { describedBy, Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { parseLocalDate } from "@/lib/i18n/dates";

// One wiring of a form control inside a FormProvider: label, hint, its error, aria-invalid and
// aria-describedby. Each field subscribes to its own error only, so a validation pass re-renders the fields
// it touched.

export function useFieldError(name: string): string | undefined {
  const { control } = useFormContext();
  const { errors } = useFormState({ control, name, exact: true });
  return (get(errors, name) as FieldError | undefined)?.message;
}

type FieldProps = {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  className?: string;
  // A control beside the label (the variables button).
  aside?: ReactNode;
  options?: RegisterOptions;
};

function splitField<Props extends FieldProps>(props: Props) {
  const { id, name, label, hint, className, aside, options, ...rest } = props;
  return [{ id, name, label, hint, className, aside, options }, rest] as const;
}

type ControlProps = ReturnType<ReturnType<typeof useFormContext>["register"]> & {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
};

function FormField({
  field,
  children,
}: {
  field: FieldProps;
  children: (control: ControlProps) => ReactNode;
}) {
  const { register } = useFormContext();
  const error = useFieldError(field.name);
  const { id, hint } = field;
  const control = {
    id,
    "aria-invalid": error ? (true as const) : undefined,
    "aria-describedby": describedBy(id, { hint: Boolean(hint), error: Boolean(error) }),
    ...register(field.name, field.options),
  };
  return (
    <Field
      id={id}
      label={field.label}
      hint={hint}
      error={error}
      className={field.className}
      aside={field.aside}
    >
      {children(control)}
    </Field>
  );
}

export function TextField(props: FieldProps & Omit<ComponentProps<"input">, "id" | "name">) {
  const [field, inputProps] = splitField(props);
  return <FormField field={field}>{(control) => <Input {...inputProps} {...control} />}</FormField>;
}

export function SelectField(
  props: FieldProps & {
    children: ReactNode;
    // A control right beside the select (the variables button beside the trigger element).
    trailing?: ReactNode;
  },
) {
  const [field, { trailing, children }] = splitField(props);
  return (
    <FormField field={field}>
      {(control) =>
        trailing ? (
          <div className="flex items-center gap-2">
            <Select className="min-w-0 flex-1" {...control}>
              {children}
            </Select>
            {trailing}
          </div>
        ) : (
          <Select {...control}>{children}</Select>
        )
      }
    </FormField>
  );
}

/**
 * A date typed as the page's language writes it (31.12.2027, 12/31/2027): a native date picker would speak
 * the browser's language. The form holds the ISO date (yyyy-mm-dd), or what was typed when it is no date,
 * for the schema to refuse in the page's language.
 */
export function DateField(props: FieldProps & { placeholder: string }) {
  const locale = useLocale();
  return (
    <TextField
      {...props}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      options={{
        ...props.options,
        setValueAs: (value: string) => parseLocalDate(value, locale) ?? value.trim(),
      }}
    />
  );
}
