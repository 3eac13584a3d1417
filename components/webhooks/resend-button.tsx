"use client";

import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { resendDeliveryAction } from "@/lib/actions/deliveries";
import { useRouter } from "@/lib/i18n/navigation";
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
  const router = useRouter();
  const messageId = useId();
  const [failed, setFailed] = useState(false);
  const [busy, startResend] = useTransition();

  function resend() {
    setFailed(false);
    startResend(async () => {
      try {
        const result = await resendDeliveryAction(webhookId, deliveryId);
        // "not_failed": another tab resent it already; the refresh shows it either way.
        if (!result.ok && result.error !== "not_failed") setFailed(true);
      } catch {
        setFailed(true);
      }
      router.refresh();
    });
  }

  const message = blocked ? t("resendDisabled") : failed ? t("resendFailed") : null;
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
