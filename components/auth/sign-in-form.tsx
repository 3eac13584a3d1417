"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

type Failure = { key: "invalidCredentials" | "unknown" } | { key: "throttled"; seconds: number };
// Checked before sending, in the page's language (the form has no native validation bubbles).
type FieldErrors = { email?: "emailInvalid"; password?: "passwordMissing" };

function checkFields(email: string, password: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) errors.email = "emailInvalid";
  if (password === "") errors.password = "passwordMissing";
  return errors;
}

function retrySeconds(response: Response, body: unknown): number {
  const fromBody = (body as { retryAfter?: unknown } | null)?.retryAfter;
  const value =
    typeof fromBody === "number"
      ? fromBody
      : Number(response.headers.get("Retry-After") ?? response.headers.get("X-Retry-After"));
  return Number.isFinite(value) && value > 0 ? Math.ceil(value) : 60;
}

// Posts to Better Auth's own route (not a server action), so its per-IP limit counts every attempt;
// the session cookie comes back on that response.
export function SignInForm({ next }: { next: string }) {
  const t = useTranslations("Auth");
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    const fieldErrors = checkFields(email, password);
    setErrors(fieldErrors);
    if (fieldErrors.email || fieldErrors.password) {
      setFailure(null);
      const first = fieldErrors.email ? "sign-in-email" : "sign-in-password";
      document.getElementById(first)?.focus();
      return;
    }
    setPending(true);
    setFailure(null);
    try {
      const response = await fetch("/api/auth/sign-in/email", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          email,
          password,
          rememberMe: true,
        }),
      });
      if (response.ok) {
        // A full load, so the header and every server component see the new session.
        window.location.assign(next);
        return;
      }
      const body: unknown = await response.json().catch(() => null);
      if (response.status === 429) setFailure({ key: "throttled", seconds: retrySeconds(response, body) });
      else if (response.status === 401 || response.status === 400) setFailure({ key: "invalidCredentials" });
      else setFailure({ key: "unknown" });
    } catch {
      setFailure({ key: "unknown" });
    }
    setPending(false);
  }

  const message =
    failure === null
      ? null
      : failure.key === "throttled"
        ? t("errors.throttled", { seconds: failure.seconds })
        : t(`errors.${failure.key}`);
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {message ? (
        <p
          data-testid="auth-error"
          role="status"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          {message}
        </p>
      ) : null}
      {(
        [
          ["email", "email", "username"],
          ["password", "password", "current-password"],
        ] as const
      ).map(([name, type, autoComplete]) => {
        const id = `sign-in-${name}`;
        const error = errors[name];
        return (
          <Field
            key={name}
            id={id}
            label={t(`signIn.${name}`)}
            error={error ? t(`errors.${error}`) : undefined}
          >
            <Input
              id={id}
              name={name}
              type={type}
              autoComplete={autoComplete}
              required
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy(id, { error: Boolean(error) })}
            />
          </Field>
        );
      })}
      <Button type="submit" className="w-full justify-center" disabled={pending}>
        {pending ? t("signIn.submitting") : t("signIn.submit")}
      </Button>
    </form>
  );
}
