import { useFormatter, useTranslations } from "next-intl";
import { BackLink } from "@/components/ui/back-link";
import { DeliveryStatusBadge } from "@/components/webhooks/delivery-status-badge";
import { elementLabels } from "@/components/webhooks/element-labels";
import { RecoveryButton } from "@/components/webhooks/recovery-buttons";
import { Link } from "@/lib/i18n/navigation";
import type { EventDetail as Event } from "@/lib/recovery/rows";

// One event: its data as received (pretty JSON), every delivery it made with a link into that webhook's
// log, and replay to all its webhooks or to one.
export function EventDetail({ event }: { event: Event }) {
  const t = useTranslations("Events");
  const tRecovery = useTranslations("Recovery");
  const labels = elementLabels(useTranslations());
  const format = useFormatter();
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "medium" });
  const webhooks = [...new Map(event.deliveries.map((row) => [row.webhook_id, row.webhook_name])).entries()];

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <BackLink href="/events">{t("back")}</BackLink>
          <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">
            {labels.element(event.trigger_element)} · {labels.trigger(event.trigger_element, event.trigger)}
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            {t("receivedAt", { time: when(event.received_at) })} ·{" "}
            <span className="font-mono text-xs">{event.id}</span>
          </p>
        </div>
        {webhooks.length > 0 ? (
          <RecoveryButton
            kind="replay-event"
            eventId={event.id}
            webhookId={null}
            variant="primary"
            text={tRecovery("replayAll")}
            label={tRecovery("replayAll")}
          />
        ) : null}
      </div>

      <section aria-labelledby="event-data" className="space-y-2">
        <h2 id="event-data" className="text-lg font-semibold text-slate-900">
          {t("data")}
        </h2>
        <pre className="max-h-[32rem] overflow-auto rounded-xl border border-slate-200 bg-slate-950 p-4 text-xs text-slate-100">
          {JSON.stringify(event.data, null, 2)}
        </pre>
      </section>

      <section aria-labelledby="event-deliveries" className="space-y-2">
        <h2 id="event-deliveries" className="text-lg font-semibold text-slate-900">
          {t("deliveries")}
        </h2>
        {webhooks.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noDeliveries")}</p>
        ) : (
          <ul className="space-y-3">
            {webhooks.map(([webhookId, name]) => (
              <li key={webhookId} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
                <div className="flex flex-wrap items-center justify-between gap-3">
                  <Link
                    href={`/webhooks/${webhookId}/deliveries`}
                    className="font-medium text-indigo-700 hover:underline"
                  >
                    {name}
                  </Link>
                  <RecoveryButton
                    kind="replay-event"
                    eventId={event.id}
                    webhookId={webhookId}
                    text={tRecovery("replay")}
                    label={tRecovery("replayTo", { name })}
                  />
                </div>
                <ol className="mt-2 space-y-1 text-sm">
                  {event.deliveries
                    .filter((row) => row.webhook_id === webhookId)
                    .map((row) => (
                      <li key={row.id} className="flex flex-wrap items-center gap-3">
                        <DeliveryStatusBadge status={row.status} />
                        <time dateTime={row.created_at} className="text-slate-700">
                          {when(row.created_at)}
                        </time>
                        {row.is_replay ? (
                          <span className="rounded-full bg-indigo-50 px-2 py-0.5 text-xs text-indigo-700">
                            {t("replayBadge")}
                          </span>
                        ) : null}
                        <span className="font-mono text-xs text-slate-500">{row.id}</span>
                      </li>
                    ))}
                </ol>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
