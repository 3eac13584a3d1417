"use client";

import { useMutation } from "@tanstack/react-query";
import { type ReactNode, useState, useTransition } from "react";
import { useRouter } from "@/lib/i18n/navigation";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "./alert-dialog";
import { Button, buttonClasses } from "./button";

// `busy`: the action button's text while it runs (defaults to `action`).
type Texts = { title: string; text: string; action: string; busy?: string; cancel: string; failed: string };

/**
 * A button that asks first, then runs `run` and refreshes the page. `run` resolves to false or a message
 * key's text when it was refused: the dialog stays open and says why.
 */
export function ConfirmButton({
  trigger,
  label,
  texts,
  run,
}: {
  trigger: ReactNode;
  label: string;
  texts: Texts;
  run: () => Promise<true | string>;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [refreshing, startRefresh] = useTransition();
  const mutation = useMutation({
    mutationFn: run,
    onSuccess: (result) => {
      if (result !== true) return;
      setOpen(false);
      startRefresh(() => router.refresh());
    },
  });
  const busy = mutation.isPending || refreshing;
  const refusal = mutation.isError ? texts.failed : typeof mutation.data === "string" ? mutation.data : null;

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
        <Button variant="ghost" size="sm" aria-label={label} className="hover:text-red-700">
          {trigger}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogTitle>{texts.title}</AlertDialogTitle>
        <AlertDialogDescription>{texts.text}</AlertDialogDescription>
        {refusal ? (
          <p data-testid="confirm-error" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {refusal}
          </p>
        ) : null}
        <div className="mt-6 flex justify-end gap-2">
          <AlertDialogCancel className={buttonClasses("secondary")} disabled={busy}>
            {texts.cancel}
          </AlertDialogCancel>
          <Button variant="danger" disabled={busy} onClick={() => mutation.mutate()}>
            {busy ? (texts.busy ?? texts.action) : texts.action}
          </Button>
        </div>
      </AlertDialogContent>
    </AlertDialog>
  );
}
