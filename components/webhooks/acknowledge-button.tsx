"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { Button } from "@/components/ui/button";
import { acknowledgeDisabledAction } from "@/lib/actions/notices";

// An owner marks the notice of one switched-off webhook as read; the page refreshes without it.
export function AcknowledgeButton({ webhookId, name }: { webhookId: string; name: string }) {
  const t = useTranslations("Alerts.notice");
  const tt = useTranslations("Toasts");
  const messageId = useId();
  const { pending, error, run } = useServerAction();

  function acknowledge() {
    run(() => acknowledgeDisabledAction(webhookId), {
      // Another owner (or another tab) acknowledged it already, or it was switched on: the refresh shows it.
      refusal: () => null,
      failed: t("failed"),
      toast: tt("noticeAcknowledged"),
    });
  }

  return (
    <div className="flex flex-col items-end">
      <Button
        variant="secondary"
        size="sm"
        aria-label={t("acknowledgeLabel", { name })}
        aria-describedby={error ? messageId : undefined}
        aria-busy={pending}
        disabled={pending}
        onClick={acknowledge}
      >
        {pending ? t("acknowledging") : t("acknowledge")}
      </Button>
      {error ? (
        <p id={messageId} role="alert" className="mt-1 max-w-56 text-right text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
