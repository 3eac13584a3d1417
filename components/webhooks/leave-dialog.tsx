"use client";

import { useTranslations } from "next-intl";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button, buttonClasses } from "@/components/ui/button";

// "Leave without saving?": shown by LeaveGuard when a link is followed with unsaved changes.
export function LeaveDialog({ onStay, onLeave }: { onStay: () => void; onLeave: () => void }) {
  const t = useTranslations("WebhookEditor.leave");
  return (
    <AlertDialog open onOpenChange={(open) => (open ? null : onStay())}>
      <AlertDialogContent>
        <AlertDialogTitle>{t("title")}</AlertDialogTitle>
        <AlertDialogDescription>{t("text")}</AlertDialogDescription>
        <div className="mt-6 flex justify-end gap-2">
          <AlertDialogCancel className={buttonClasses("secondary")}>{t("stay")}</AlertDialogCancel>
          <Button variant="danger" onClick={onLeave}>
            {t("leave")}
          </Button>
        </div>
      </AlertDialogContent>
    </AlertDialog>
  );
}
