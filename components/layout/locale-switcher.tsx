"use client";

import { useLocale, useTranslations } from "next-intl";
import { useTransition } from "react";
import { usePathname, useRouter } from "@/lib/i18n/navigation";
import { routing } from "@/lib/i18n/routing";
import { HeaderSelect } from "./header-select";

export function LocaleSwitcher() {
  const t = useTranslations("App");
  const locale = useLocale();
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  return (
    <HeaderSelect
      label={t("language")}
      value={locale}
      disabled={pending}
      onChange={(event) => {
        const next = event.target.value as (typeof routing.locales)[number];
        startTransition(() => router.replace(pathname, { locale: next }));
      }}
    >
      {routing.locales.map((option) => (
        <option key={option} value={option}>
          {t(`locales.${option}`)}
        </option>
      ))}
    </HeaderSelect>
  );
}
