"use client";

import { useTranslations } from "next-intl";
import { Toaster as Sonner, toast } from "sonner";

// The one place toasts appear: bottom right, clear of the editor's sticky save bar on the left, in the
// page's language (its landmark's name; the messages come translated from the caller).
export function Toaster() {
  const t = useTranslations("Toasts");
  return (
    <Sonner
      position="bottom-right"
      containerAriaLabel={t("label")}
      toastOptions={{ className: "text-sm", duration: 5000 }}
    />
  );
}

// Says that something the person did is done. Errors stay inline, next to what failed.
export function notifySuccess(message: string): void {
  toast.success(message, { testId: "toast" });
}
