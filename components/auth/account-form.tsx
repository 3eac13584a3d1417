"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, startTransition, useActionState } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, Field, fieldIds } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { AccountFormState, AuthErrorKey } from "@/lib/auth/account-form";

type Labels = {
  email: string;
  password: string;
  passwordHint: string;
  confirm: string;
  submit: string;
  submitting: string;
};

// Email, password and its repetition for a new account: the set-up page and invite links.
export function AccountForm({
  action,
  labels,
  minPasswordLength,
  maxPasswordLength,
  idPrefix,
}: {
  action: (previous: AccountFormState, formData: FormData) => Promise<AccountFormState>;
  labels: Labels;
  minPasswordLength: number;
  maxPasswordLength: number;
  idPrefix: string;
}) {
  const t = useTranslations("Auth.errors");
  // useActionState: set-up and invite links must work before (or without) the page's JavaScript.
  const [state, formAction, pending] = useActionState(action, {});
  const message = (key: AuthErrorKey | undefined) =>
    key ? t(key, { min: String(minPasswordLength), max: String(maxPasswordLength) }) : undefined;
  const ids = {
    email: `${idPrefix}-email`,
    password: `${idPrefix}-password`,
    confirm: `${idPrefix}-confirm`,
  };
  const errors = state.errors ?? {};
  // With JavaScript the action runs from here, not as the form's own submit: React resets a form after its
  // action, and what was typed (the passwords too) must stay when the server says the passwords differ.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  return (
    <form action={formAction} onSubmit={submit} noValidate className="space-y-4">
      {state.formError ? (
        <p
          data-testid="auth-error"
          role="status"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          {message(state.formError)}
        </p>
      ) : null}
      <Field id={ids.email} label={labels.email} error={message(errors.email)}>
        <Input
          id={ids.email}
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.email}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={describedBy(ids.email, { error: Boolean(errors.email) })}
        />
      </Field>
      <Field
        id={ids.password}
        label={labels.password}
        hint={labels.passwordHint}
        error={message(errors.password)}
      >
        <Input
          id={ids.password}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={minPasswordLength}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={describedBy(ids.password, { hint: true, error: Boolean(errors.password) })}
        />
      </Field>
      <Field id={ids.confirm} label={labels.confirm} error={message(errors.confirm)}>
        <Input
          id={ids.confirm}
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={errors.confirm ? true : undefined}
          aria-describedby={fieldIds(ids.confirm).error}
        />
      </Field>
      <Button type="submit" className="w-full justify-center" disabled={pending}>
        {pending ? labels.submitting : labels.submit}
      </Button>
    </form>
  );
}
