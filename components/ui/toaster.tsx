"use client";

import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { useTheme } from "next-themes";

// sonner loads after the page is interactive (it is not needed before someone does something): it stays out
// of every page's first-load JavaScript. The Toaster and `toast` share that one module, so its one list.
const Sonner = dynamic(() => import("sonner").then((sonner) => sonner.Toaster), { ssr: false });

// The one place toasts appear: bottom right, clear of the editor's sticky save bar, its landmark named in
// the page's language (the messages come translated from the caller).
export function Toaster() {
  const t = useTranslations("Toasts");
  // Sonner draws its own colours: it is told the theme the page shows.
  const theme = useTheme().resolvedTheme === "dark" ? "dark" : "light";
  return (
    <Sonner
      position="bottom-right"
      theme={theme}
      containerAriaLabel={t("label")}
      toastOptions={{ duration: 5000 }}
    />
  );
}

// Says that something the person did is done. Errors stay inline, next to what failed.
export function notifySuccess(message: string): void {
  void import("sonner").then(({ toast }) => toast.success(message, { testId: "toast" }));
}
