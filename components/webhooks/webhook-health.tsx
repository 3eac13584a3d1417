import { useFormatter, useLocale, useTranslations } from "next-intl";
import { BackLink } from "@/components/ui/back-link";
import { buttonClasses } from "@/components/ui/button";
import { Table, TableCell, TableHeader } from "@/components/ui/table";
import { HEALTH_RANGES, successRate, type WebhookHealthDetail } from "@/lib/health/series";
import { Link } from "@/lib/i18n/navigation";
import { useFailureReasonText } from "./health-failure-reason";
import { LazyDeliveriesChart } from "./lazy-health-chart";
import { WebhookTabs } from "./webhook-tabs";

type Props = {
  webhook: { id: string; name: string };
  detail: WebhookHealthDetail;
  retentionDays: number;
};

// A webhook's health over 24 hours, 7 or 30 days: deliveries per bucket (a chart, and the same figures as a
// table for screen readers), response times, and the most common failure reasons.
export function WebhookHealthView({ webhook, detail, retentionDays }: Props) {
  const t = useTranslations("Health.page");
  const tDeliveries = useTranslations("Deliveries");
  const format = useFormatter();
  const locale = useLocale();
  const reasonText = useFailureReasonText();
  const hourly = detail.range !== "30d";
  const rate = successRate(detail.succeeded, detail.failed);
  const ms = (value: number | null) =>
    value === null ? t("none") : t("ms", { value: format.number(value) });
  const bucketLabel = (iso: string) =>
    format.dateTime(
      new Date(iso),
      hourly ? { dateStyle: "medium", timeStyle: "short" } : { dateStyle: "medium" },
    );
  const stats = [
    { label: t("total"), value: format.number(detail.deliveries) },
    {
      label: t("successRate"),
      value: rate === null ? t("none") : format.number(rate, { style: "percent", maximumFractionDigits: 1 }),
    },
    { label: t("p50"), value: ms(detail.p50) },
    { label: t("p95"), value: ms(detail.p95) },
  ];

  return (
    <div className="space-y-6">
      <div>
        <BackLink href="/webhooks">{tDeliveries("back")}</BackLink>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight break-words text-slate-900">
          {t("title")}
          <span className="font-normal text-slate-500"> · {webhook.name}</span>
        </h1>
        <p className="mt-1 max-w-2xl text-sm text-slate-600">{t("description")}</p>
      </div>
      <WebhookTabs webhookId={webhook.id} current="health" />

      <nav aria-label={t("range")} className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-slate-500">{t("range")}</span>
        {HEALTH_RANGES.map((range) => (
          <Link
            key={range}
            href={
              range === "24h"
                ? `/webhooks/${webhook.id}/health`
                : `/webhooks/${webhook.id}/health?range=${range}`
            }
            aria-current={range === detail.range ? "page" : undefined}
            className={buttonClasses(range === detail.range ? "primary" : "secondary", "sm")}
          >
            {t(`ranges.${range}`)}
          </Link>
        ))}
      </nav>

      {detail.keptSince ? (
        <p className="text-sm text-slate-600" data-testid="retention-note">
          {t("retention", {
            days: retentionDays,
            date: format.dateTime(new Date(detail.keptSince), { dateStyle: "medium" }),
          })}
        </p>
      ) : null}

      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {stats.map((stat) => (
          <div key={stat.label} className="rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm">
            <dt className="text-xs font-medium text-slate-500">{stat.label}</dt>
            <dd className="mt-1 text-xl font-semibold text-slate-900">{stat.value}</dd>
          </div>
        ))}
      </dl>

      <section
        aria-labelledby="health-chart"
        className="rounded-xl border border-slate-200 bg-white px-4 py-4 shadow-sm"
      >
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="health-chart" className="text-base font-semibold text-slate-900">
            {t("chartTitle")}
          </h2>
          <p className="flex items-center gap-3 text-xs text-slate-600">
            <span className="flex items-center gap-1">
              <span aria-hidden="true" className="size-2.5 rounded-sm bg-emerald-500" />
              {t("succeeded")}
            </span>
            <span className="flex items-center gap-1">
              <span aria-hidden="true" className="size-2.5 rounded-sm bg-red-500" />
              {t("failed")}
            </span>
          </p>
        </div>
        <p className="mt-1 text-xs text-slate-500">
          {t("chartCaption", { step: t(`steps.${detail.range}`) })}
        </p>
        <div className="mt-3">
          <LazyDeliveriesChart buckets={detail.buckets} locale={locale} hourly={hourly} />
        </div>
        {/* The chart's figures for screen readers, one line per period. */}
        <ul className="sr-only" aria-label={t("tableCaption")}>
          {detail.buckets.map((bucket) => (
            <li key={bucket.start}>
              {t("bucketText", {
                period: bucketLabel(bucket.start),
                succeeded: bucket.succeeded,
                failed: bucket.failed,
              })}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="health-reasons" className="space-y-3">
        <h2 id="health-reasons" className="text-base font-semibold text-slate-900">
          {t("reasonsTitle")}
        </h2>
        {detail.reasons.length === 0 ? (
          <p className="text-sm text-slate-600">{t("reasonsEmpty")}</p>
        ) : (
          <Table data-testid="failure-reasons">
            <TableHeader columns={[t("reasonColumn"), t("countColumn")]} />
            <tbody>
              {detail.reasons.map((reason) => (
                <tr key={"status" in reason ? `s${reason.status}` : reason.kind}>
                  <TableCell className="font-medium text-slate-900">{reasonText(reason)}</TableCell>
                  <TableCell label={t("countColumn")} className="tabular-nums text-slate-700">
                    {format.number(reason.count)}
                  </TableCell>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </div>
  );
}
