import { BellRing } from "lucide-react";
import { useTranslations } from "next-intl";
import { DISABLED_NOTICE_ID } from "@/components/webhooks/disabled-notice";
import { Link } from "@/lib/i18n/navigation";

// The header's count of webhooks Hooksmith switched off that no owner has acknowledged (owners only); it
// leads to the notice above the webhook list. Nothing when there is none.
export function NoticeCount({ count }: { count: number }) {
  const t = useTranslations("Alerts.header");
  if (count === 0) return null;
  const label = t("count", { count });
  return (
    <Link
      href={`/webhooks#${DISABLED_NOTICE_ID}`}
      aria-label={label}
      title={label}
      data-testid="notice-count"
      className="flex shrink-0 items-center gap-1 rounded-md border border-amber-300 bg-amber-50 px-2 py-1 text-sm font-semibold text-amber-900 hover:bg-amber-100"
    >
      <BellRing aria-hidden="true" focusable="false" className="size-4" />
      {count}
    </Link>
  );
}
