"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useConfirmAction, useServerAction } from "@/components/forms/use-server-action";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { deleteInboxAction, rotateInboxTokenAction, updateInboxAction } from "@/lib/actions/inboxes";
import { useRouter } from "@/lib/i18n/navigation";
import { PinIcon, PinOffIcon, RotateIcon, TrashIcon } from "./icons";

// Pinned inboxes never expire; unpinning gives the inbox 7 days from now.
export function PinInboxButton({ id, name, pinned }: { id: string; name: string; pinned: boolean }) {
  const t = useTranslations("Inboxes");
  const tt = useTranslations("Toasts");
  const { pending, error, run } = useServerAction();
  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        disabled={pending}
        aria-label={pinned ? t("unpinLabel", { name }) : t("pinLabel", { name })}
        onClick={() =>
          run(() => updateInboxAction(id, { pinned: !pinned }), {
            refusal: () => null,
            failed: t("actionFailed"),
            toast: pinned ? tt("inboxUnpinned") : tt("inboxPinned"),
          })
        }
      >
        {pinned ? <PinOffIcon /> : <PinIcon />}
        <span>{pinned ? t("unpin") : t("pin")}</span>
      </Button>
      {error ? <span className="text-xs text-red-700">{error}</span> : null}
    </>
  );
}

// `leave`: after deleting from the inbox's own page, go back to the list (instead of refreshing a page
// that no longer exists).
export function DeleteInboxButton({
  id,
  name,
  leave = false,
}: {
  id: string;
  name: string;
  leave?: boolean;
}) {
  const t = useTranslations("Inboxes");
  const tt = useTranslations("Toasts");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { pending, error, run, clearError } = useServerAction();
  return (
    <ConfirmButton
      trigger={
        <>
          <TrashIcon />
          <span>{t("delete")}</span>
        </>
      }
      label={t("deleteLabel", { name })}
      texts={{
        title: t("confirmDelete.title"),
        text: t("confirmDelete.text", { name }),
        action: t("confirmDelete.action"),
        busy: t("confirmDelete.busy"),
        cancel: t("cancel"),
      }}
      open={open}
      pending={pending}
      error={error}
      onOpenChange={(next) => {
        if (pending) return;
        if (next) clearError();
        setOpen(next);
      }}
      onConfirm={() =>
        run(() => deleteInboxAction(id), {
          // Gone already counts as done.
          refusal: () => null,
          failed: t("actionFailed"),
          toast: tt("inboxDeleted"),
          refresh: leave ? "never" : "success",
          onSuccess: () => {
            setOpen(false);
            if (leave) router.push("/inboxes");
          },
        })
      }
    />
  );
}

// A new address at once: whoever sends to the old one gets 404 from then on.
export function RotateInboxTokenButton({ id, name }: { id: string; name: string }) {
  const t = useTranslations("Inboxes");
  const tt = useTranslations("Toasts");
  const confirm = useConfirmAction(() => rotateInboxTokenAction(id), {
    refusal: () => t("actionFailed"),
    failed: t("actionFailed"),
    toast: tt("inboxTokenRotated"),
  });
  return (
    <ConfirmButton
      trigger={
        <>
          <RotateIcon />
          <span>{t("rotate")}</span>
        </>
      }
      label={t("rotateLabel", { name })}
      texts={{
        title: t("confirmRotate.title"),
        text: t("confirmRotate.text"),
        action: t("confirmRotate.action"),
        busy: t("confirmRotate.busy"),
        cancel: t("cancel"),
      }}
      {...confirm}
    />
  );
}
