"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { Link, usePathname } from "@/lib/i18n/navigation";

const sections = ["general", "members", "keys", "audit"] as const;

export function SettingsNav() {
  const t = useTranslations("Settings.nav");
  const pathname = usePathname();
  return (
    // On a phone the four tabs may not fit: the row scrolls by itself, the page does not.
    <nav aria-label={t("label")} className="flex gap-1 overflow-x-auto border-b border-slate-200">
      {sections.map((section) => {
        const href = `/settings/${section}`;
        const current = pathname === href;
        return (
          <Link
            key={section}
            href={href}
            aria-current={current ? "page" : undefined}
            className={cn(
              "-mb-px border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap",
              current
                ? "border-indigo-600 text-indigo-700"
                : "border-transparent text-slate-600 hover:text-slate-900",
            )}
          >
            {t(section)}
          </Link>
        );
      })}
    </nav>
  );
}
