"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { AccountFormState } from "@/lib/auth/account-form";

export function AcceptInviteForm({
  action,
}: {
  action: (previous: AccountFormState) => Promise<AccountFormState>;
}) {
  const t = useTranslations("Auth");
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-3">
      {state.formError ? (
        <p
          data-testid="auth-error"
          role="status"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          {t(`errors.${state.formError}`, { min: "0", max: "0" })}
        </p>
      ) : null}
      <Button type="submit" disabled={pending}>
        {t("invite.accept")}
      </Button>
    </form>
  );
}
