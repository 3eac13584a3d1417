"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { Button } from "@/components/ui/button";
import { resendDeliveryAction } from "@/lib/actions/deliveries";
import { RotateIcon } from "./icons";

type Props = {
  webhookId: string;
  deliveryId: string;
  // Names the delivery for screen readers ("Resend the delivery from …").
  label: string;
  // The system switched the webhook off: the worker would not send it.
  blocked: boolean;
};

// Queues a failed delivery again under the same id; the page then shows it pending until a worker sends it.
export function ResendButton({ webhookId, deliveryId, label, blocked }: Props) {
  const t = useTranslations("Deliveries");
  const tt = useTranslations("Toasts");
  const messageId = useId();
  const { pending: busy, error, run } = useServerAction();
  const failed = error !== null;

  function resend() {
    run(() => resendDeliveryAction(webhookId, deliveryId), {
      // "not_failed": another tab resent it already; the refresh shows it either way.
      refusal: (code) => (code === "not_failed" ? null : t("resendFailed")),
      failed: t("resendFailed"),
      refresh: "always",
      toast: tt("deliveryResent"),
    });
  }

  const message = blocked ? t("resendDisabled") : error;
  return (
    <div className="flex flex-col items-end">
      <Button
        variant="secondary"
        size="sm"
        aria-label={label}
        aria-describedby={message ? messageId : undefined}
        aria-busy={busy}
        disabled={busy || blocked}
        title={blocked ? t("resendDisabled") : undefined}
        onClick={resend}
      >
        <RotateIcon />
        {busy ? t("resending") : t("resend")}
      </Button>
      {message ? (
        <p
          id={messageId}
          role={failed ? "alert" : undefined}
          className={blocked ? "sr-only" : "mt-1 max-w-56 text-right text-xs text-red-700"}
        >
          {message}
        </p>
      ) : null}
    </div>
  );
}
