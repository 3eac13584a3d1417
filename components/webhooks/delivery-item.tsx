"use client";

import { useTranslations } from "next-intl";
import { type ReactNode, useEffect, useState } from "react";
import { cn } from "@/components/ui/cn";
import { listDeliveryAttemptsAction } from "@/lib/actions/deliveries";
import { type AttemptView, DeliveryAttempts } from "./delivery-attempts";

type Props = {
  webhookId: string;
  deliveryId: string;
  eventId: string;
  // Changes when the delivery does (status, attempts): an open delivery then loads its attempts again.
  version: string;
  summary: ReactNode;
  // A button beside the summary (resend); outside <summary>, so clicking it does not toggle.
  action: ReactNode;
};

// One delivery: the summary line always, its attempts once opened. Attempts carry request and response
// bodies, so they load on demand instead of with the page.
export function DeliveryItem({ webhookId, deliveryId, eventId, version, summary, action }: Props) {
  const t = useTranslations("Deliveries");
  const [open, setOpen] = useState(false);
  const [attempts, setAttempts] = useState<AttemptView[] | null>(null);
  const [failed, setFailed] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the signal to load again.
  useEffect(() => {
    if (!open) return;
    let current = true;
    setFailed(false);
    listDeliveryAttemptsAction(webhookId, deliveryId).then(
      (result) => {
        if (!current) return;
        if (result.ok) setAttempts(result.data);
        else setFailed(true);
      },
      () => {
        if (current) setFailed(true);
      },
    );
    return () => {
      current = false;
    };
  }, [open, version, webhookId, deliveryId]);

  return (
    <li className="relative rounded-xl border border-slate-200 bg-white shadow-sm">
      <details className="group" onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary
          className={cn(
            "flex cursor-pointer list-none flex-wrap items-center gap-x-4 gap-y-1.5 rounded-xl px-4 py-3 text-sm",
            "hover:bg-slate-50/70 group-open:rounded-b-none [&::-webkit-details-marker]:hidden",
            action ? "pr-40" : null,
          )}
        >
          {summary}
        </summary>
        <div className="space-y-4 border-t border-slate-100 px-4 py-4">
          <dl className="grid gap-x-4 gap-y-1 text-xs sm:grid-cols-[max-content_minmax(0,1fr)]">
            <dt className="text-slate-500">{t("deliveryId")}</dt>
            <dd className="font-mono break-all text-slate-800">{deliveryId}</dd>
            <dt className="text-slate-500">{t("eventId")}</dt>
            <dd className="font-mono break-all text-slate-800">{eventId}</dd>
          </dl>
          {failed ? (
            <p role="alert" className="text-sm text-red-700">
              {t("loadFailed")}
            </p>
          ) : attempts === null ? (
            <p className="text-sm text-slate-500" aria-busy="true">
              {t("loading")}
            </p>
          ) : (
            <DeliveryAttempts attempts={attempts} />
          )}
        </div>
      </details>
      {action ? <div className="absolute top-2 right-3">{action}</div> : null}
    </li>
  );
}
