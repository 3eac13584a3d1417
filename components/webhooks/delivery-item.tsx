"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import { cn } from "@/components/ui/cn";
import { listDeliveryAttemptsAction } from "@/lib/actions/deliveries";
import { DeliveryAttempts } from "./delivery-attempts";

type Props = {
  webhookId: string;
  deliveryId: string;
  eventId: string;
  // Changes when the delivery does (status, attempts): an open delivery then loads its attempts again.
  version: string;
  summary: ReactNode;
  // A button beside the summary (resend); outside <summary>, so clicking it does not toggle.
  action: ReactNode;
  // Editors and owners may copy an attempt as cURL with the webhook's secret header values.
  canReveal: boolean;
};

// One delivery: the summary line always, its attempts once opened. Attempts carry request and response
// bodies, so they load on demand instead of with the page.
export function DeliveryItem({ webhookId, deliveryId, eventId, version, summary, action, canReveal }: Props) {
  const t = useTranslations("Deliveries");
  const [open, setOpen] = useState(false);
  // TanStack Query owns this read: loaded when opened, again when `version` changes (the old attempts stay
  // on screen meanwhile), and the same answer when it is opened again.
  const query = useQuery({
    queryKey: ["delivery-attempts", webhookId, deliveryId, version],
    queryFn: async () => {
      const result = await listDeliveryAttemptsAction(webhookId, deliveryId);
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
    enabled: open,
    placeholderData: keepPreviousData,
    // A refusal or a lost connection is shown at once; opening the delivery again tries again.
    retry: false,
  });
  const attempts = query.data ?? null;
  const failed = query.isError;

  return (
    <li className="relative rounded-xl border border-slate-200 bg-white shadow-sm">
      <details className="group" onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary
          className={cn(
            "flex cursor-pointer list-none flex-wrap items-center gap-x-4 gap-y-1.5 rounded-xl px-4 py-3 text-sm",
            "hover:bg-slate-50/70 group-open:rounded-b-none [&::-webkit-details-marker]:hidden",
            action ? "sm:pr-72" : null,
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
            <DeliveryAttempts attempts={attempts} ids={{ webhookId, deliveryId }} canReveal={canReveal} />
          )}
        </div>
      </details>
      {/* Beside the summary from sm up; on a phone below the delivery, where the line has room. */}
      {action ? <div className="px-4 pb-3 sm:absolute sm:top-2 sm:right-3 sm:p-0">{action}</div> : null}
    </li>
  );
}
