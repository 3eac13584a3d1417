import { useFormatter, useTranslations } from "next-intl";
import { BackLink } from "@/components/ui/back-link";
import { buttonClasses } from "@/components/ui/button";
import { Pager } from "@/components/ui/pager";
import type { DeliveryFilter, DeliverySummary } from "@/lib/dispatch/rows";
import { Link } from "@/lib/i18n/navigation";
import { DeliveryItem } from "./delivery-item";
import { DeliveryStatusBadge } from "./delivery-status-badge";
import { DisabledReason } from "./disabled-reason";
import { elementLabels } from "./element-labels";
import { ChevronRightIcon, InboxIcon, PencilIcon } from "./icons";
import { LogAutoRefresh } from "./log-auto-refresh";
import { MethodAndUrl } from "./method-and-url";
import { RecoverDialog } from "./recover-dialog";
import { RecoveryButton } from "./recovery-buttons";
import { ResendButton } from "./resend-button";
import { WebhookTabs } from "./webhook-tabs";

// What the log shows of a webhook and of each delivery (dates as ISO strings).
export type LoggedWebhook = {
  id: string;
  name: string;
  active: boolean;
  method: string;
  payload_url: string;
  disabled_reason: string | null;
};

// The rows of lib/dispatch/log-queries.ts as they are (typed in lib/dispatch/rows.ts, which has no server code).
export type LoggedDelivery = DeliverySummary;

type Props = {
  webhook: LoggedWebhook;
  deliveries: LoggedDelivery[];
  // Cursor of the next, older page; null on the last page.
  older: string | null;
  // Whether this page starts after a cursor (then "Newest" leads back to the first page).
  paged: boolean;
  failingDays: number;
  // Which deliveries are shown: all, only tests, or none of them (?show=).
  filter: DeliveryFilter;
  // Editors and owners: "Copy as cURL" may include secret header values.
  canReveal: boolean;
};

export function DeliveryLog({ webhook, deliveries, older, paged, failingDays, filter, canReveal }: Props) {
  const t = useTranslations("Deliveries");
  const tRecovery = useTranslations("Recovery");
  const tList = useTranslations("Webhooks");
  const labels = elementLabels(useTranslations());
  const format = useFormatter();
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "medium" });
  const hasPending = deliveries.some((delivery) => delivery.status === "pending");
  // The soonest next try on this page: the page refreshes itself around then (ISO strings sort by time).
  const nextAttemptAt =
    deliveries
      .map((delivery) => delivery.next_attempt_at)
      .filter((at): at is string => at !== null)
      .sort()[0] ?? null;
  const logPath = `/webhooks/${webhook.id}/deliveries`;
  const base = filter === "all" ? logPath : `${logPath}?show=${filter}`;
  const filters = { all: t("filterAll"), tests: t("filterTests"), real: t("filterReal") } as const;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <BackLink href="/webhooks">{t("back")}</BackLink>
          <h1 className="mt-2 text-2xl font-semibold tracking-tight break-words text-slate-900">
            {t("title")}
            <span className="font-normal text-slate-500"> · {webhook.name}</span>
          </h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">{t("description")}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <RecoverDialog webhookId={webhook.id} blocked={!webhook.active} />
          <Link href={`/webhooks/${webhook.id}`} className={buttonClasses("secondary")}>
            <PencilIcon />
            {t("editWebhook")}
          </Link>
        </div>
      </div>

      <WebhookTabs webhookId={webhook.id} current="deliveries" />

      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm">
        <div className="flex min-w-0 items-center gap-2">
          <MethodAndUrl method={webhook.method} url={webhook.payload_url} />
        </div>
        <span className={webhook.active ? "text-sm text-emerald-700" : "text-sm text-slate-500"}>
          {webhook.active ? tList("status.active") : tList("status.inactive")}
        </span>
        {!webhook.active && webhook.disabled_reason ? (
          <DisabledReason reason={webhook.disabled_reason} failingDays={failingDays} />
        ) : null}
        {!webhook.active ? (
          <p data-testid="inactive-note" className="basis-full text-xs text-slate-600">
            {t("inactiveNote")}
          </p>
        ) : null}
        {hasPending ? (
          <p className="ml-auto flex items-center gap-1.5 text-xs text-slate-500">
            <span aria-hidden="true" className="size-1.5 animate-pulse rounded-full bg-amber-500" />
            {t("live")}
          </p>
        ) : null}
      </div>
      <LogAutoRefresh nextAttemptAt={nextAttemptAt} />

      <nav aria-label={t("filter")} className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-slate-500">{t("filter")}</span>
        {(Object.keys(filters) as DeliveryFilter[]).map((option) => (
          <Link
            key={option}
            href={option === "all" ? logPath : `${logPath}?show=${option}`}
            aria-current={option === filter ? "page" : undefined}
            className={buttonClasses(option === filter ? "primary" : "secondary", "sm")}
          >
            {filters[option]}
          </Link>
        ))}
      </nav>

      {deliveries.length === 0 ? (
        <section
          aria-labelledby="deliveries-empty"
          className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-14 text-center"
        >
          {paged ? (
            <p id="deliveries-empty" className="text-sm text-slate-600">
              {t("noOlder")}
            </p>
          ) : (
            <>
              <div className="mx-auto flex size-12 items-center justify-center rounded-full bg-indigo-50 text-indigo-600">
                <InboxIcon />
              </div>
              <h2 id="deliveries-empty" className="mt-4 text-lg font-semibold text-slate-900">
                {t("empty.title")}
              </h2>
              <p className="mx-auto mt-2 max-w-md text-sm text-slate-600">
                {webhook.active ? t("empty.text") : t("empty.inactive")}
              </p>
            </>
          )}
        </section>
      ) : (
        <ol aria-label={t("listLabel")} className="space-y-2">
          {deliveries.map((delivery) => {
            const resendable =
              !delivery.is_test && (delivery.status === "failed" || delivery.status === "cancelled");
            return (
              <DeliveryItem
                key={delivery.id}
                webhookId={webhook.id}
                deliveryId={delivery.id}
                eventId={delivery.event_id}
                version={`${delivery.status}:${delivery.attempts}`}
                canReveal={canReveal}
                action={
                  <div className="flex items-start gap-2">
                    {resendable ? (
                      <ResendButton
                        webhookId={webhook.id}
                        deliveryId={delivery.id}
                        label={t("resendLabel", { time: when(delivery.event_time) })}
                        blocked={!webhook.active}
                      />
                    ) : null}
                    {delivery.status === "pending" && webhook.active ? (
                      <RecoveryButton
                        kind="retry"
                        deliveryId={delivery.id}
                        text={tRecovery("retry")}
                        label={tRecovery("retryLabel", { time: when(delivery.event_time) })}
                      />
                    ) : null}
                    {webhook.active ? (
                      <RecoveryButton
                        kind="replay"
                        deliveryId={delivery.id}
                        text={tRecovery("replay")}
                        label={tRecovery("replayLabel", { time: when(delivery.event_time) })}
                      />
                    ) : null}
                  </div>
                }
                summary={
                  <>
                    <span className="text-slate-400 transition-transform group-open:rotate-90">
                      <ChevronRightIcon />
                    </span>
                    <DeliveryStatusBadge status={delivery.status} />
                    {delivery.is_test ? (
                      <span
                        data-testid="test-badge"
                        className="rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-semibold text-indigo-700"
                      >
                        {t("testBadge")}
                      </span>
                    ) : null}
                    <time
                      dateTime={delivery.event_time}
                      className="font-medium whitespace-nowrap text-slate-900"
                    >
                      {when(delivery.event_time)}
                    </time>
                    <span className="inline-flex rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">
                      {labels.element(delivery.trigger_element)} ·{" "}
                      {labels.trigger(delivery.trigger_element, delivery.trigger)}
                    </span>
                    <span className="text-slate-500">{t("attempts", { count: delivery.attempts })}</span>
                    <Outcome delivery={delivery} when={when} />
                  </>
                }
              />
            );
          })}
        </ol>
      )}

      <Pager
        base={base}
        older={older}
        paged={paged}
        texts={{ label: t("pagination"), newest: t("newest"), older: t("older") }}
      />
    </div>
  );
}

// The last answer (status or error) and, for a pending delivery, when the next try is due.
function Outcome({ delivery, when }: { delivery: LoggedDelivery; when: (iso: string) => string }) {
  const t = useTranslations("Deliveries");
  const status = delivery.last_response_status;
  const ok = status !== null && status >= 200 && status < 300;
  return (
    <span className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1">
      {status !== null ? (
        <span className={ok ? "font-mono text-xs text-emerald-700" : "font-mono text-xs text-red-700"}>
          {t("httpStatus", { status: String(status) })}
        </span>
      ) : null}
      {delivery.status === "cancelled" ? (
        <span className="text-xs text-slate-600">{t("cancelledNote")}</span>
      ) : null}
      {delivery.last_error && status === null ? (
        <span className="max-w-md truncate text-xs text-red-700" title={delivery.last_error}>
          {delivery.last_error}
        </span>
      ) : null}
      {delivery.next_attempt_at ? (
        <span className="text-xs whitespace-nowrap text-amber-800">
          {t("nextAttempt", { time: when(delivery.next_attempt_at) })}
        </span>
      ) : null}
    </span>
  );
}
