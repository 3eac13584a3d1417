"use client";

import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

// Radix Popover with its positioning and focus layers is a fifth of the editor's script; it loads right
// after the page is interactive, and until then the same button stands there, disabled.
function PopoverButtonPlaceholder() {
  const t = useTranslations("WebhookEditor.variables");
  return (
    <button type="button" disabled className={cn(buttonClasses("secondary", "md"), "px-3")}>
      <span aria-hidden="true" className="font-mono text-xs text-indigo-600">
        {"{ }"}
      </span>
      {t("button")}
    </button>
  );
}

export const LazyVariablesPopover = dynamic(
  () => import("./variables-popover").then((module) => module.VariablesPopover),
  { ssr: false, loading: PopoverButtonPlaceholder },
);
