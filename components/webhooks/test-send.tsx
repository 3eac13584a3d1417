"use client";

import { Send } from "lucide-react";
import dynamic from "next/dynamic";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { notifySuccess } from "@/components/ui/toaster";
import type { ActionResult } from "@/lib/actions/result";
import {
  sendTestAction,
  sendUnsavedTestAction,
  type TestChoices,
  testChoicesAction,
} from "@/lib/actions/test-send";
import { errorKindKeys, type TestOutcome } from "@/lib/dispatch/test-outcome";
import { Headers } from "./http-headers";

// The cURL builder loads with the first outcome, not with the editor (its first-load budget is 200 kB).
const CopyCurlButton = dynamic(
  () => import("@/components/requests/copy-curl-button").then((module) => module.CopyCurlButton),
  { ssr: false },
);

type TestResult = ActionResult<TestOutcome, "not_found" | "validation_failed" | "rate_limited">;

export function SendIcon() {
  return <Send aria-hidden="true" focusable="false" className="size-4" strokeWidth={2} />;
}

// Runs a test action and keeps its outcome, or the words for why it could not run.
export function useTestSend() {
  const t = useTranslations("TestSend");
  const tt = useTranslations("Toasts");
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<TestOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);

  function run(action: () => Promise<TestResult>) {
    setError(null);
    startTransition(async () => {
      let result: TestResult;
      try {
        result = await action();
      } catch {
        setOutcome(null);
        setError(t("failed"));
        return;
      }
      if (!result.ok) {
        setOutcome(null);
        const refusal = {
          not_found: "notFound",
          validation_failed: "invalid",
          rate_limited: "rateLimited",
        } as const;
        setError(t(refusal[result.error]));
        return;
      }
      setOutcome(result.data);
      if (result.data.status !== null) notifySuccess(tt("testSent", { status: String(result.data.status) }));
    });
  }
  return { pending, outcome, error, run };
}

type PanelProps = {
  webhookId: string | null;
  element: string;
  trigger: string;
  /** The form as it would be saved when it differs from the saved webhook (or none is saved); else null. */
  unsavedValues: () => unknown | null;
  /** Whether the form differs from what is saved: said before the person sends. */
  unsaved: boolean;
};

/** "Send test" in the editor: optional real event and request inbox, and the outcome below the button. */
export function TestSendPanel({ webhookId, element, trigger, unsavedValues, unsaved }: PanelProps) {
  const t = useTranslations("TestSend");
  const format = useFormatter();
  const { pending, outcome, error, run } = useTestSend();
  const [choices, setChoices] = useState<TestChoices>({ events: [], inboxes: [] });
  const [eventId, setEventId] = useState("");
  const [inboxId, setInboxId] = useState("");
  const dataId = useId();
  const targetId = useId();

  useEffect(() => {
    let current = true;
    setEventId("");
    testChoicesAction(element, trigger)
      .then((result) => {
        if (current && result.ok) setChoices(result.data);
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [element, trigger]);

  function send() {
    const input = { event_id: eventId || null, inbox_id: inboxId || null };
    const values = unsavedValues();
    run(() =>
      values === null && webhookId !== null
        ? sendTestAction(webhookId, input)
        : sendUnsavedTestAction(webhookId, values, input),
    );
  }

  const selectClass =
    "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900";
  return (
    <section
      aria-labelledby="test-send-title"
      className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
    >
      <h2 id="test-send-title" className="text-base font-semibold text-slate-900">
        {t("title")}
      </h2>
      <p className="mt-1 text-sm text-slate-500">{t("intro")}</p>
      <div className="mt-4 grid gap-3">
        <label htmlFor={dataId} className="text-sm font-medium text-slate-700">
          {t("data")}
          <select
            id={dataId}
            value={eventId}
            onChange={(event) => setEventId(event.target.value)}
            className={selectClass}
          >
            <option value="">{t("sample")}</option>
            {choices.events.map((event) => {
              const time = format.dateTime(new Date(event.received_at), {
                dateStyle: "medium",
                timeStyle: "medium",
              });
              return (
                <option key={event.id} value={event.id}>
                  {event.prokey ? t("eventProkey", { time, prokey: event.prokey }) : t("event", { time })}
                </option>
              );
            })}
          </select>
        </label>
        <label htmlFor={targetId} className="text-sm font-medium text-slate-700">
          {t("target")}
          <select
            id={targetId}
            value={inboxId}
            onChange={(event) => setInboxId(event.target.value)}
            className={selectClass}
          >
            <option value="">{t("payloadUrl")}</option>
            {choices.inboxes.map((inbox) => (
              <option key={inbox.id} value={inbox.id}>
                {t("inbox", { name: inbox.name })}
              </option>
            ))}
          </select>
        </label>
      </div>
      {unsaved ? (
        <p
          data-testid="test-unsaved"
          className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900"
        >
          {t("unsaved")}
        </p>
      ) : null}
      <Button
        type="button"
        variant="secondary"
        className="mt-4"
        onClick={send}
        disabled={pending}
        aria-busy={pending}
      >
        <SendIcon />
        {pending ? t("sending") : t("send")}
      </Button>
      <TestResultView outcome={outcome} error={error} />
    </section>
  );
}

export function TestResultView({ outcome, error }: { outcome: TestOutcome | null; error: string | null }) {
  const t = useTranslations("TestSend");
  if (error) {
    return (
      <p role="alert" className="mt-3 text-sm text-red-700">
        {error}
      </p>
    );
  }
  if (!outcome) return null;
  const tone = outcome.ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-800";
  return (
    <div
      data-testid="test-outcome"
      aria-label={t("outcome")}
      role="status"
      className="mt-4 space-y-3 text-sm"
    >
      <p className="flex flex-wrap items-center gap-2">
        <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${tone}`}>
          {outcome.status !== null ? `HTTP ${outcome.status}` : t("noAnswer")}
        </span>
        <span className="text-slate-600">{t("duration", { ms: String(outcome.duration_ms) })}</span>
        {/* The request as sent, credentials masked as in the delivery log. */}
        <CopyCurlButton
          method={outcome.request.method}
          url={outcome.request.url}
          headers={outcome.request.headers}
          body={outcome.request.body}
        />
      </p>
      {outcome.error_kind ? (
        <p className="text-red-800">
          {t(errorKindKeys[outcome.error_kind])}
          {outcome.error_message ? (
            <span className="mt-1 block font-mono text-xs text-slate-500">{outcome.error_message}</span>
          ) : null}
        </p>
      ) : null}
      {outcome.delivery_id ? <p className="text-xs text-slate-500">{t("logged")}</p> : null}
      {outcome.signing_secret ? (
        <p className="text-xs text-slate-600">
          {t("oneTimeSecret")} <code className="break-all font-mono">{outcome.signing_secret}</code>
        </p>
      ) : null}
      {outcome.status !== null ? (
        <>
          <details>
            <summary className="cursor-pointer font-medium text-slate-700">{t("responseHeaders")}</summary>
            <Headers headers={outcome.response_headers} />
          </details>
          <div>
            <p className="font-medium text-slate-700">{t("responseBody")}</p>
            <pre className="mt-1 max-h-60 overflow-auto rounded-md bg-slate-900 dark:bg-slate-50 p-2 text-xs text-slate-100 dark:text-slate-900">
              {outcome.response_body || t("emptyBody")}
            </pre>
            {outcome.response_body_truncated ? (
              <p className="text-xs text-slate-500">{t("truncated")}</p>
            ) : null}
          </div>
        </>
      ) : null}
    </div>
  );
}
