import { useFormatter, useTranslations } from "next-intl";
import { successRate, type WorkspaceOverview } from "@/lib/health/series";
import { Link } from "@/lib/i18n/navigation";
import { DisabledReason } from "./disabled-reason";
import { HealthBadge } from "./health-badge";
import { useFailingDuration } from "./health-failing-duration";

type Props = { overview: WorkspaceOverview; failingDays: number; now: string };

// The workspace's last 24 hours: events, deliveries and their success rate, and the webhooks that need a
// look (failing, switched off), each leading to its health page.
export function WorkspaceOverviewView({ overview, failingDays, now }: Props) {
  const t = useTranslations("Health.overview");
  const format = useFormatter();
  const duration = useFailingDuration();
  const rate = successRate(overview.succeeded, overview.failed);
  const stats = [
    { key: "events", label: t("events"), value: format.number(overview.events) },
    { key: "deliveries", label: t("deliveries"), value: format.number(overview.deliveries) },
    {
      key: "rate",
      label: t("successRate"),
      value: rate === null ? "–" : format.number(rate, { style: "percent", maximumFractionDigits: 1 }),
    },
    { key: "failing", label: t("failing"), value: format.number(overview.failing.length) },
    { key: "off", label: t("switchedOff"), value: format.number(overview.switchedOff.length) },
  ];
  const attention = overview.failing.length + overview.switchedOff.length;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t("title")}</h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">{t("description")}</p>
        </div>
        <Link href="/webhooks" className="text-sm font-medium text-indigo-700 hover:underline">
          {t("toWebhooks")}
        </Link>
      </div>

      <section aria-labelledby="overview-period">
        <h2 id="overview-period" className="text-sm font-medium text-slate-500">
          {t("period")}
        </h2>
        <dl className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
          {stats.map((stat) => (
            <div
              key={stat.key}
              data-testid={`overview-${stat.key}`}
              className="rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm"
            >
              <dt className="text-xs font-medium text-slate-500">{stat.label}</dt>
              <dd className="mt-1 text-2xl font-semibold text-slate-900">{stat.value}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-2 text-xs text-slate-500">{t("ofWebhooks", { count: overview.webhooks })}</p>
      </section>

      <section aria-labelledby="overview-attention" className="space-y-3">
        <h2 id="overview-attention" className="text-base font-semibold text-slate-900">
          {t("attention")}
        </h2>
        {attention === 0 ? (
          <p className="text-sm text-slate-600">{t("allHealthy")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm">
            {overview.failing.map((webhook) => (
              <li key={webhook.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
                <Link
                  href={`/webhooks/${webhook.id}/health`}
                  className="min-w-0 font-medium break-words text-slate-900 hover:text-indigo-700 hover:underline"
                >
                  {webhook.name}
                </Link>
                <HealthBadge state="failing" duration={duration(webhook.failing_since, new Date(now))} />
              </li>
            ))}
            {overview.switchedOff.map((webhook) => (
              <li key={webhook.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
                <div className="min-w-0">
                  <Link
                    href={`/webhooks/${webhook.id}/health`}
                    className="font-medium break-words text-slate-900 hover:text-indigo-700 hover:underline"
                  >
                    {webhook.name}
                  </Link>
                  {webhook.disabled_reason ? (
                    <DisabledReason
                      reason={webhook.disabled_reason}
                      failingDays={failingDays}
                      className="mt-1"
                    />
                  ) : (
                    <p className="mt-1 text-xs text-slate-600">{t("offByPerson")}</p>
                  )}
                </div>
                <HealthBadge state="off" />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
