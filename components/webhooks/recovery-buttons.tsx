"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { Button } from "@/components/ui/button";
import { replayDeliveryAction, replayEventAction, retryDeliveryAction } from "@/lib/actions/recovery";
import type { ActionCode, ActionResult } from "@/lib/actions/result";
import { RotateIcon, SendIcon } from "./icons";

type Kind =
  | { kind: "retry"; deliveryId: string }
  | { kind: "replay"; deliveryId: string }
  | { kind: "replay-event"; eventId: string; webhookId: string | null };

type Props = Kind & {
  // What the button says, and the longer name screen readers hear ("Replay the delivery from …").
  text: string;
  label: string;
  variant?: "primary" | "secondary";
};

// Retry now, replay a delivery, replay an event: each queues a delivery, toasts, and refreshes the page,
// which then shows it pending until a worker sends it; a refusal is said beside the button.
export function RecoveryButton({ text, label, variant = "secondary", ...target }: Props) {
  const t = useTranslations("Recovery");
  const tt = useTranslations("Toasts");
  const messageId = useId();
  const { pending: busy, error, run } = useServerAction();

  function go() {
    const texts = {
      refusal: (code: ActionCode) => {
        if (code === "webhook_disabled") return t("refused.webhookDisabled");
        if (code === "in_flight") return t("refused.inFlight");
        if (code === "succeeded") return t("refused.succeeded");
        return t("refused.other");
      },
      failed: t("refused.other"),
      refresh: "always" as const,
    };
    const action: () => Promise<ActionResult<unknown>> =
      target.kind === "retry"
        ? () => retryDeliveryAction(target.deliveryId)
        : target.kind === "replay"
          ? () => replayDeliveryAction(target.deliveryId)
          : () => replayEventAction(target.eventId, target.webhookId);
    const toast =
      target.kind === "retry"
        ? tt("deliveryRetried")
        : target.kind === "replay"
          ? tt("deliveryReplayed")
          : (count: unknown) => tt("eventReplayed", { count: Number(count ?? 0) });
    run(action, { ...texts, toast });
  }

  return (
    <div className="flex flex-col items-end">
      <Button
        variant={variant}
        size="sm"
        aria-label={label}
        aria-describedby={error ? messageId : undefined}
        aria-busy={busy}
        disabled={busy}
        onClick={go}
      >
        {target.kind === "retry" ? <RotateIcon /> : <SendIcon />}
        {busy ? t("working") : text}
      </Button>
      {error ? (
        <p id={messageId} role="alert" className="mt-1 max-w-56 text-right text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
