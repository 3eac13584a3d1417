import { useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";

// The header's entry for request inboxes (one line in components/layout/app-header.tsx, which the header
// rebuild owns); every member of the workspace may open them.
export function InboxesNavLink() {
  const t = useTranslations("Inboxes");
  return (
    <Link href="/inboxes" className="text-sm font-medium text-slate-700 hover:text-indigo-700">
      {t("nav")}
    </Link>
  );
}
