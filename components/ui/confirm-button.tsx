"use client";

import type { ReactNode } from "react";
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
type Texts = { title: string; text: string; action: string; busy?: string; cancel: string };

/**
 * A button that asks first, then calls `onConfirm`. Presentational: whoever runs the action says when it is
 * `pending`, gives the refusal's words as `error` (the dialog stays open and shows them) and closes it.
 */
export function ConfirmButton({
  trigger,
  label,
  texts,
  open,
  onOpenChange,
  pending,
  error,
  onConfirm,
}: {
  trigger: ReactNode;
  label: string;
  texts: Texts;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  pending: boolean;
  error: string | null;
  onConfirm: () => void;
}) {
  return (
    <AlertDialog open={open} onOpenChange={onOpenChange}>
      <AlertDialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={label} className="hover:text-red-700 lg:px-1.5">
          {trigger}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogTitle>{texts.title}</AlertDialogTitle>
        <AlertDialogDescription>{texts.text}</AlertDialogDescription>
        {error ? (
          <p data-testid="confirm-error" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {error}
          </p>
        ) : null}
        <div className="mt-6 flex justify-end gap-2">
          <AlertDialogCancel className={buttonClasses("secondary")} disabled={pending}>
            {texts.cancel}
          </AlertDialogCancel>
          <Button variant="danger" disabled={pending} onClick={onConfirm}>
            {pending ? (texts.busy ?? texts.action) : texts.action}
          </Button>
        </div>
      </AlertDialogContent>
    </AlertDialog>
  );
}
