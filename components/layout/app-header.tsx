import { useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";
import { LocaleSwitcher } from "./locale-switcher";

export function AppHeader() {
  const t = useTranslations("App");
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav
        className="mx-auto flex max-w-6xl items-center justify-between px-4 py-3"
        aria-label={t("navigation")}
      >
        <Link href="/webhooks" className="text-lg font-semibold tracking-tight text-indigo-700">
          {t("title")}
        </Link>
        <div className="flex items-center gap-4">
          <Link href="/webhooks" className="text-sm font-medium text-slate-700 hover:text-indigo-700">
            {t("webhooks")}
          </Link>
          <LocaleSwitcher />
        </div>
      </nav>
    </header>
  );
}
