"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { Select } from "@/components/ui/input";
import { inboxNewsAction } from "@/lib/actions/inboxes";
import type { BrowserInboxRequest } from "@/lib/inbox/serialize";
import { InboxRequestItem } from "./inbox-request-item";

export type SignatureWebhook = { id: string; name: string; sendsHere: boolean };

// How often the page asks for news while visible; an inbox keeps 100 requests, so that many are shown.
const POLL_MS = 1500;
const KEPT = 100;

/**
 * The inbox's requests, newest first, live: TanStack Query asks every POLL_MS (only while the tab is
 * visible) for what arrived after the newest request shown (the keyset `after` cursor), and news goes on
 * top without a reload. The signature check uses the webhook picked here for every request.
 */
export function InboxRequests({
  inboxId,
  inboxUrl,
  initial,
  webhooks,
  canReveal,
}: {
  inboxId: string;
  inboxUrl: string;
  initial: BrowserInboxRequest[];
  webhooks: SignatureWebhook[];
  canReveal: boolean;
}) {
  const t = useTranslations("Inboxes.requests");
  const pickerId = useId();
  const [requests, setRequests] = useState(initial);
  const [webhookId, setWebhookId] = useState(
    () => (webhooks.find((webhook) => webhook.sendsHere) ?? webhooks[0])?.id ?? "",
  );
  const newest = requests[0]?.id ?? null;
  const news = useQuery({
    queryKey: ["inbox-news", inboxId, newest],
    queryFn: async () => {
      const result = await inboxNewsAction(inboxId, newest);
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
    staleTime: 0,
    retry: false,
  });
  useEffect(() => {
    const arrived = news.data;
    if (!arrived || arrived.length === 0) return;
    setRequests((shown) => {
      const known = new Set(shown.map((request) => request.id));
      return [...arrived.filter((request) => !known.has(request.id)), ...shown].slice(0, KEPT);
    });
  }, [news.data]);

  return (
    <section aria-labelledby="inbox-requests" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h2 id="inbox-requests" className="text-lg font-semibold text-slate-900">
            {t("title")}
          </h2>
          <p className="mt-1 flex items-center gap-1.5 text-sm text-slate-600">
            <span aria-hidden="true" className="size-1.5 animate-pulse rounded-full bg-emerald-500" />
            {news.isError ? t("pollFailed") : t("live")}
          </p>
        </div>
        <div className="min-w-64">
          <label htmlFor={pickerId} className="mb-1.5 block text-sm font-medium text-slate-800">
            {t("checkWith")}
          </label>
          <Select id={pickerId} value={webhookId} onChange={(event) => setWebhookId(event.target.value)}>
            <option value="">{t("noCheck")}</option>
            {webhooks.map((webhook) => (
              <option key={webhook.id} value={webhook.id}>
                {webhook.name}
              </option>
            ))}
          </Select>
        </div>
      </div>
      {requests.length === 0 ? (
        <p
          data-testid="inbox-empty"
          className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-sm text-slate-600"
        >
          {t("empty")}
        </p>
      ) : (
        <ol aria-label={t("listLabel")} className="space-y-2">
          {requests.map((request, index) => (
            <InboxRequestItem
              key={request.id}
              request={request}
              inboxUrl={inboxUrl}
              webhookId={webhookId || null}
              canReveal={canReveal}
              defaultOpen={index === 0}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
