import { getTranslations } from "next-intl/server";
import { Link } from "@/lib/i18n/navigation";

// The header's link to the event log (one line in components/layout/app-header.tsx).
export async function EventsNavLink() {
  const t = await getTranslations("Events");
  return (
    <Link href="/events" className="text-sm font-medium text-slate-700 hover:text-indigo-700">
      {t("nav")}
    </Link>
  );
}
