"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button, buttonClasses } from "@/components/ui/button";
import { type RotatedSecret, rotateWebhookSecretAction } from "@/lib/actions/webhooks";
import { RotateIcon } from "./icons";

type Props = { webhookId: string; overlapHours: number; onRotated: (rotated: RotatedSecret) => void };

export function RotateSecretDialog({ webhookId, overlapHours, onRotated }: Props) {
  const t = useTranslations("WebhookEditor.secret");
  const tt = useTranslations("Toasts");
  const [open, setOpen] = useState(false);
  const { pending: busy, error, run, clearError } = useServerAction();

  function rotate() {
    run(() => rotateWebhookSecretAction(webhookId), {
      refusal: () => t("rotateFailed"),
      failed: t("rotateFailed"),
      toast: tt("secretRotated"),
      onSuccess: (rotated) => {
        if (rotated) onRotated(rotated);
        setOpen(false);
      },
      // The new secret is shown from the answer; nothing else on the page changed.
      refresh: "never",
    });
  }

  return (
    <AlertDialog
      open={open}
      onOpenChange={(next) => {
        if (busy) return;
        if (next) clearError();
        setOpen(next);
      }}
    >
      <AlertDialogTrigger asChild>
        <Button variant="secondary">
          <RotateIcon />
          {t("rotate")}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogTitle>{t("rotateTitle")}</AlertDialogTitle>
        <AlertDialogDescription>{t("rotateText", { hours: overlapHours })}</AlertDialogDescription>
        {error ? (
          <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {error}
          </p>
        ) : null}
        <div className="mt-6 flex justify-end gap-2">
          <AlertDialogCancel className={buttonClasses("secondary")} disabled={busy}>
            {t("cancel")}
          </AlertDialogCancel>
          <Button disabled={busy} aria-busy={busy} onClick={rotate}>
            {busy ? t("rotating") : t("rotateConfirm")}
          </Button>
        </div>
      </AlertDialogContent>
    </AlertDialog>
  );
}
