"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button, buttonClasses } from "@/components/ui/button";
import { useRouter } from "@/lib/i18n/navigation";
import { deleteWebhookAction } from "@/lib/webhooks/actions";

export function DeleteWebhookButton({ id, name }: { id: string; name: string }) {
  const t = useTranslations("Webhooks");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [refreshing, startRefresh] = useTransition();
  const mutation = useMutation({
    // `false` means it is gone already (deleted elsewhere): the list refreshes either way.
    mutationFn: () => deleteWebhookAction(id),
    onSuccess: () => startRefresh(() => router.refresh()),
  });
  const busy = mutation.isPending || refreshing;

  return (
    <AlertDialog
      open={open}
      onOpenChange={(next) => {
        if (busy) return;
        if (next) mutation.reset();
        setOpen(next);
      }}
    >
      <AlertDialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={t("delete", { name })} className="hover:text-red-700">
          <TrashIcon />
          <span>{t("deleteShort")}</span>
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogTitle>{t("confirm.title")}</AlertDialogTitle>
        <AlertDialogDescription>{t("confirm.text", { name })}</AlertDialogDescription>
        {mutation.isError ? (
          <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {t("deleteFailed")}
          </p>
        ) : null}
        <div className="mt-6 flex justify-end gap-2">
          <AlertDialogCancel className={buttonClasses("secondary")} disabled={busy}>
            {t("confirm.cancel")}
          </AlertDialogCancel>
          <Button variant="danger" disabled={busy} onClick={() => mutation.mutate()}>
            {busy ? t("confirm.deleting") : t("confirm.action")}
          </Button>
        </div>
      </AlertDialogContent>
    </AlertDialog>
  );
}

function TrashIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
      <path
        fillRule="evenodd"
        d="M8.75 1A2.75 2.75 0 0 0 6 3.75v.443c-.795.077-1.584.176-2.365.298a.75.75 0 1 0 .23 1.482l.149-.022.841 10.518A2.75 2.75 0 0 0 7.596 19h4.807a2.75 2.75 0 0 0 2.742-2.53l.841-10.52.149.023a.75.75 0 0 0 .23-1.482A41.03 41.03 0 0 0 14 4.193V3.75A2.75 2.75 0 0 0 11.25 1h-2.5ZM10 4c.84 0 1.673.025 2.5.075V3.75c0-.69-.56-1.25-1.25-1.25h-2.5c-.69 0-1.25.56-1.25 1.25v.325C8.327 4.025 9.16 4 10 4ZM8.58 7.72a.75.75 0 0 0-1.5.06l.3 7.5a.75.75 0 1 0 1.5-.06l-.3-7.5Zm4.34.06a.75.75 0 1 0-1.5-.06l-.3 7.5a.75.75 0 1 0 1.5.06l.3-7.5Z"
        clipRule="evenodd"
      />
    </svg>
  );
}
