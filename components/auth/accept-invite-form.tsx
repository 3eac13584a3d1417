"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/result";

type Result = ActionResult<never, "invite_invalid">;

// useActionState: joining must work before (or without) the page's JavaScript.
export function AcceptInviteForm({ action }: { action: (previous: Result | null) => Promise<Result> }) {
  const t = useTranslations("Auth");
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3">
      {state && !state.ok ? (
        <p
          data-testid="auth-error"
          role="status"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          {t("errors.inviteInvalid")}
        </p>
      ) : null}
      <Button type="submit" disabled={pending}>
        {t("invite.accept")}
      </Button>
    </form>
  );
}
