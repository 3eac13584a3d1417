"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { listDeliveryAttemptsAction } from "@/lib/actions/deliveries";
import { AttemptCurl } from "./attempt-curl";
import { Headers, attemptHeading as heading } from "./http-headers";

type Attempts = Extract<Awaited<ReturnType<typeof listDeliveryAttemptsAction>>, { ok: true }>["data"];
export type AttemptView = Attempts[number];
type LoggedBody = AttemptView["response_body"];

// Each attempt of a delivery: what was sent (secret header values masked when logged) and what came back.
// `ids` and `canReveal`: for each attempt's "Copy as cURL" (secret values for editors and owners only).
export function DeliveryAttempts({
  attempts,
  ids,
  canReveal,
}: {
  attempts: AttemptView[];
  ids: { webhookId: string; deliveryId: string };
  canReveal: boolean;
}) {
  const t = useTranslations("Deliveries");
  if (attempts.length === 0) return <p className="text-sm text-slate-500">{t("noAttempts")}</p>;
  return (
    <div className="space-y-3">
      <ol className="space-y-3">
        {attempts.map((attempt) => (
          <li key={attempt.id}>
            <Attempt attempt={attempt} ids={ids} canReveal={canReveal} />
          </li>
        ))}
      </ol>
      <p className="text-xs text-slate-500">
        {t("masked")} {t("responseCap")}
      </p>
    </div>
  );
}

function Attempt({
  attempt,
  ids,
  canReveal,
}: {
  attempt: AttemptView;
  ids: { webhookId: string; deliveryId: string };
  canReveal: boolean;
}) {
  const t = useTranslations("Deliveries");
  const format = useFormatter();
  const title = t("attempt", { number: String(attempt.attempt) });
  const { request } = attempt;
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 bg-white">
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-t-lg border-b border-slate-100 bg-slate-50 px-3 py-2 text-xs text-slate-600">
        <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
        <time dateTime={attempt.started_at}>
          {format.dateTime(new Date(attempt.started_at), { dateStyle: "medium", timeStyle: "medium" })}
        </time>
        <span>{t("durationMs", { ms: format.number(attempt.duration_ms) })}</span>
        <Result attempt={attempt} />
        <span className="ml-auto">
          <AttemptCurl
            {...ids}
            attemptId={attempt.id}
            canReveal={canReveal}
            label={t("copyCurl", { number: String(attempt.attempt) })}
          />
        </span>
      </header>
      <div className="grid gap-4 p-3 text-[13px] lg:grid-cols-2">
        <div className="min-w-0 space-y-3">
          <h4 className={heading}>{t("request")}</h4>
          <p className="rounded-lg bg-slate-900 dark:bg-slate-50 px-3 py-2.5 font-mono text-xs leading-relaxed text-slate-100 dark:text-slate-900">
            <span className="mr-2 font-semibold text-emerald-300 dark:text-emerald-500">
              {request.method}
            </span>
            <span className="break-all">{request.url}</span>
          </p>
          <Headers headers={request.headers} />
          <Body body={request.body} missing={t("noBody")} />
        </div>
        <div className="min-w-0 space-y-3">
          <h4 className={heading}>{t("response")}</h4>
          {attempt.error_kind ? (
            <div className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-xs text-red-800">
              <p className="font-semibold">
                {t("error")}: {errorKindLabel(t, attempt.error_kind)}
              </p>
              {attempt.error_message ? (
                <p className="mt-0.5 font-mono break-words">{attempt.error_message}</p>
              ) : null}
            </div>
          ) : null}
          {attempt.response_status === null ? (
            <p className="rounded-lg border border-dashed border-slate-200 px-3 py-2 text-xs text-slate-500">
              {t("noResponse")}
            </p>
          ) : (
            <>
              <p className="rounded-lg bg-slate-900 dark:bg-slate-50 px-3 py-2.5 font-mono text-xs text-slate-100 dark:text-slate-900">
                <span
                  className={
                    isSuccess(attempt.response_status)
                      ? "text-emerald-300 dark:text-emerald-500"
                      : "text-red-300 dark:text-red-500"
                  }
                >
                  {t("httpStatus", { status: String(attempt.response_status) })}
                </span>
              </p>
              <Headers headers={attempt.response_headers} />
              <Body body={attempt.response_body} missing={t("emptyBody")} />
            </>
          )}
        </div>
      </div>
    </section>
  );
}

function Result({ attempt }: { attempt: AttemptView }) {
  const t = useTranslations("Deliveries");
  const status = attempt.response_status;
  const ok = status !== null && isSuccess(status);
  const text =
    status !== null
      ? t("httpStatus", { status: String(status) })
      : errorKindLabel(t, attempt.error_kind ?? "network");
  return (
    <span
      className={
        ok
          ? "rounded bg-emerald-50 px-1.5 py-0.5 font-mono font-semibold text-emerald-700 ring-1 ring-emerald-200"
          : "rounded bg-red-50 px-1.5 py-0.5 font-semibold text-red-700 ring-1 ring-red-200"
      }
    >
      {text}
    </span>
  );
}

function Body({ body, missing }: { body: LoggedBody; missing: string }) {
  const t = useTranslations("Deliveries");
  return (
    <div>
      <h5 className={heading}>{t("body")}</h5>
      {body === null || body.text === "" ? (
        <p className="rounded-lg border border-dashed border-slate-200 px-3 py-2 text-xs text-slate-500">
          {missing}
        </p>
      ) : (
        <>
          <pre className="max-h-[28rem] overflow-auto rounded-lg bg-slate-50 px-3 py-2.5 font-mono text-xs leading-relaxed [overflow-wrap:anywhere] whitespace-pre-wrap text-slate-800 ring-1 ring-slate-200">
            {readable(body)}
          </pre>
          {body.truncated ? (
            <p className="mt-1 text-xs text-slate-500">
              {t("truncated", {
                shown: String(kib(new TextEncoder().encode(body.text).length)),
                total: String(kib(body.bytes)),
              })}
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}

// JSON is indented for reading; anything else (form fields, HTML, a shortened body) shows as it came.
function readable(body: NonNullable<LoggedBody>): string {
  if (body.truncated) return body.text;
  const text = body.text.trim();
  if (!text.startsWith("{") && !text.startsWith("[")) return body.text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return body.text;
  }
}

const kib = (bytes: number) => Math.max(1, Math.round(bytes / 1024));
const isSuccess = (status: number) => status >= 200 && status < 300;

const errorKinds = new Set(["timeout", "dns", "refused", "tls", "blocked", "invalid", "network"]);

function errorKindLabel(t: ReturnType<typeof useTranslations<"Deliveries">>, kind: string): string {
  return errorKinds.has(kind) ? t(`errorKinds.${kind as "timeout"}`) : kind;
}
