import { useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";
import type { DisabledNotice } from "@/lib/webhooks/notice-view";
import { AcknowledgeButton } from "./acknowledge-button";
import { DisabledReason } from "./disabled-reason";

/** Where the header's count links to. */
export const DISABLED_NOTICE_ID = "switched-off";

// The owners' notice above the webhook list: each webhook Hooksmith switched off, why, a link to it, and a
// button to acknowledge it. Nothing when there is none.
export function DisabledNoticeBanner({
  notices,
  failingDays,
}: {
  notices: DisabledNotice[];
  failingDays: number;
}) {
  const t = useTranslations("Alerts.notice");
  if (notices.length === 0) return null;
  return (
    <section
      id={DISABLED_NOTICE_ID}
      aria-labelledby={`${DISABLED_NOTICE_ID}-title`}
      data-testid="disabled-notice"
      className="rounded-xl border border-amber-300 bg-amber-50 px-4 py-3"
    >
      <h2 id={`${DISABLED_NOTICE_ID}-title`} className="text-sm font-semibold text-amber-900">
        {t("title", { count: notices.length })}
      </h2>
      <p className="mt-1 text-sm text-amber-900">{t("text")}</p>
      <ul className="mt-3 divide-y divide-amber-200">
        {notices.map((notice) => (
          <li key={notice.id} className="flex flex-wrap items-center justify-between gap-3 py-2">
            <div className="min-w-0">
              <Link
                href={`/webhooks/${notice.id}`}
                className="font-medium break-words text-slate-900 underline underline-offset-2"
              >
                {notice.name}
              </Link>
              <DisabledReason reason={notice.reason} failingDays={failingDays} className="mt-0.5" />
            </div>
            <AcknowledgeButton webhookId={notice.id} name={notice.name} />
          </li>
        ))}
      </ul>
    </section>
  );
}
