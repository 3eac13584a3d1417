import { useFormatter, useTranslations } from "next-intl";
import { successRate } from "@/lib/health/series";
import { Link } from "@/lib/i18n/navigation";
import { HealthBadge } from "./health-badge";
import { useFailingDuration } from "./health-failing-duration";
import { useFailureReasonText } from "./health-failure-reason";
import { Sparkline } from "./health-sparkline";
import type { WebhookRow } from "./webhook-rows";

type Props = {
  webhookId: string;
  name: string;
  health: WebhookRow["health"];
  // The page's render time: "failing for" reads the same on every row.
  now: Date;
};

// A list row's health: the badge, while it fails why its latest delivery failed, and its last 24 hours (a
// sparkline, how many deliveries, how many of them succeeded), which leads to the webhook's health page.
export function HealthCell({ webhookId, name, health, now }: Props) {
  const t = useTranslations("Health");
  const format = useFormatter();
  const duration = useFailingDuration();
  const reasonText = useFailureReasonText();
  const state = health?.state ?? "healthy";
  const count = health?.deliveries ?? 0;
  const rate = health ? successRate(health.succeeded, health.failed) : null;
  return (
    <div className="flex min-w-0 flex-col items-start gap-1">
      <HealthBadge
        fromSprite
        state={state}
        duration={health?.failingSince ? duration(health.failingSince, now) : undefined}
      />
      {state === "failing" && health?.reason ? (
        <p className="text-xs text-red-700" data-testid="health-reason">
          {t("lastReason", { reason: reasonText(health.reason) })}
        </p>
      ) : null}
      <p className="sr-only">
        {t("summary", { count, succeeded: health?.succeeded ?? 0, failed: health?.failed ?? 0 })}
      </p>
      {/* Named by what it shows, then where it leads: the visible text starts the link's name (WCAG 2.5.3). */}
      <Link
        href={`/webhooks/${webhookId}/health`}
        title={t("overview.viewHealth", { name })}
        className="flex items-center gap-2 rounded text-xs whitespace-nowrap text-slate-600 hover:text-indigo-700 hover:underline"
      >
        {health ? <Sparkline bars={health.bars} /> : null}
        <span data-testid="health-count">
          {count === 0 ? t("noDeliveries") : format.number(count)}
          {rate !== null ? ` · ${format.number(rate, { style: "percent", maximumFractionDigits: 1 })}` : ""}
        </span>
        <span className="sr-only"> {t("overview.viewHealth", { name })}</span>
      </Link>
    </div>
  );
}
