"use client";

import { useQuery } from "@tanstack/react-query";
import { ChevronRight } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { CopyCurlButton } from "@/components/requests/copy-curl-button";
import { Switch } from "@/components/ui/switch";
import { checkInboxSignatureAction } from "@/lib/actions/inboxes";
import { isSecretHeader, maskValue } from "@/lib/http/secret-headers";
import type { BrowserInboxRequest } from "@/lib/inbox/serialize";
import type { SignatureVerdict } from "@/lib/inbox/signature";
import { InvalidIcon, ValidIcon } from "./icons";

const heading = "mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase";

// One received request: its line always, the rest (headers, body, signature, cURL) once opened.
export function InboxRequestItem({
  request,
  inboxUrl,
  webhookId,
  canReveal,
  defaultOpen,
}: {
  request: BrowserInboxRequest;
  inboxUrl: string;
  webhookId: string | null;
  canReveal: boolean;
  defaultOpen: boolean;
}) {
  const t = useTranslations("Inboxes.requests");
  const format = useFormatter();
  const [open, setOpen] = useState(defaultOpen);
  const [reveal, setReveal] = useState(false);
  const target = `${request.path}${request.query ? `?${request.query}` : ""}`;
  const body = request.body_encoding === "base64" ? base64Bytes(request.body) : request.body;
  const headers = request.headers.map(([name, value]): [string, string] => [
    name,
    reveal || request.headers_masked || !isSecretHeader(name) ? value : maskValue(value),
  ]);
  const hasSecrets = !request.headers_masked && request.headers.some(([name]) => isSecretHeader(name));

  return (
    <li className="rounded-xl border border-slate-200 bg-white shadow-sm" data-testid="inbox-request">
      <details className="group" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-4 gap-y-1.5 rounded-xl px-4 py-3 text-sm hover:bg-slate-50/70 group-open:rounded-b-none [&::-webkit-details-marker]:hidden">
          <ChevronRight
            aria-hidden="true"
            className="size-4 text-slate-400 transition-transform group-open:rotate-90"
          />
          <span className="rounded bg-slate-900 px-1.5 py-0.5 font-mono text-xs font-semibold text-emerald-300">
            {request.method}
          </span>
          <span className="min-w-0 max-w-xl truncate font-mono text-xs text-slate-800" title={target}>
            {target || "/"}
          </span>
          <time dateTime={request.received_at} className="whitespace-nowrap text-slate-600">
            {format.dateTime(new Date(request.received_at), { dateStyle: "medium", timeStyle: "medium" })}
          </time>
          {request.source_address ? (
            <span className="text-xs text-slate-500">{t("from", { address: request.source_address })}</span>
          ) : null}
        </summary>
        {open ? (
          <div className="space-y-4 border-t border-slate-100 px-4 py-4 text-[13px]">
            <div className="flex flex-wrap items-center gap-3">
              {webhookId ? <SignatureCheck request={request} webhookId={webhookId} /> : null}
              <span className="ml-auto flex flex-wrap items-center gap-3">
                {canReveal && hasSecrets ? (
                  <span className="flex items-center gap-2 text-xs text-slate-600">
                    <Switch id={`reveal-${request.id}`} checked={reveal} onCheckedChange={setReveal} />
                    <label htmlFor={`reveal-${request.id}`}>{t("reveal")}</label>
                  </span>
                ) : null}
                <CopyCurlButton
                  method={request.method}
                  url={`${inboxUrl}${target}`}
                  headers={headers}
                  body={body}
                  reveal
                />
              </span>
            </div>
            <div className="grid gap-4 lg:grid-cols-2">
              <div className="min-w-0">
                <h3 className={heading}>{t("headers")}</h3>
                <dl className="divide-y divide-slate-100 rounded-lg border border-slate-200 font-mono text-xs">
                  {headers.map(([name, value], index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: names may repeat; the order is as received
                    <HeaderRow key={index} name={name} value={value} />
                  ))}
                </dl>
                {request.query ? <QueryTable query={request.query} /> : null}
              </div>
              <div className="min-w-0">
                <h3 className={heading}>{t("body", { size: format.number(request.body_size) })}</h3>
                <RequestBody request={request} />
              </div>
            </div>
          </div>
        ) : null}
      </details>
    </li>
  );
}

function HeaderRow({ name, value }: { name: string; value: string }) {
  return (
    <div className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-3 px-3 py-1.5">
      <dt className="break-all text-slate-500">{name}</dt>
      <dd className="break-all text-slate-900">{value}</dd>
    </div>
  );
}

function QueryTable({ query }: { query: string }) {
  const t = useTranslations("Inboxes.requests");
  return (
    <>
      <h3 className={`${heading} mt-4`}>{t("query")}</h3>
      <pre className="overflow-auto rounded-lg bg-slate-50 px-3 py-2.5 font-mono text-xs leading-relaxed whitespace-pre-wrap text-slate-800 ring-1 ring-slate-200 [overflow-wrap:anywhere]">
        {formFields(query)}
      </pre>
    </>
  );
}

function RequestBody({ request }: { request: BrowserInboxRequest }) {
  const t = useTranslations("Inboxes.requests");
  if (request.body_size === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-200 px-3 py-2 text-xs text-slate-500">
        {t("noBody")}
      </p>
    );
  }
  const { text, kind } = readable(request);
  return (
    <>
      {kind !== "raw" ? <p className="mb-1 text-xs text-slate-500">{t(`bodyKind.${kind}`)}</p> : null}
      <pre
        data-testid="inbox-request-body"
        className="max-h-[28rem] overflow-auto rounded-lg bg-slate-50 px-3 py-2.5 font-mono text-xs leading-relaxed whitespace-pre-wrap text-slate-800 ring-1 ring-slate-200 [overflow-wrap:anywhere]"
      >
        {text}
      </pre>
    </>
  );
}

// JSON indented, a form as one "name = value" line per field (decoded), bytes that are not text as base64.
function readable(request: BrowserInboxRequest): { text: string; kind: "json" | "form" | "binary" | "raw" } {
  if (request.body_encoding === "base64") return { text: request.body, kind: "binary" };
  const type = request.headers.find(([name]) => name.toLowerCase() === "content-type")?.[1] ?? "";
  const trimmed = request.body.trim();
  if (/json/i.test(type) || trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return { text: JSON.stringify(JSON.parse(trimmed), null, 2), kind: "json" };
    } catch {
      return { text: request.body, kind: "raw" };
    }
  }
  if (/application\/x-www-form-urlencoded/i.test(type))
    return { text: formFields(request.body), kind: "form" };
  return { text: request.body, kind: "raw" };
}

function formFields(text: string): string {
  return [...new URLSearchParams(text)].map(([name, value]) => `${name} = ${value}`).join("\n");
}

function base64Bytes(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

// The check a receiver with the `standardwebhooks` library makes, with the picked webhook's secrets, as
// it was when the request arrived.
function SignatureCheck({ request, webhookId }: { request: BrowserInboxRequest; webhookId: string }) {
  const t = useTranslations("Inboxes.signature");
  const check = useQuery({
    queryKey: ["inbox-signature", request.inbox_id, request.id, webhookId],
    queryFn: async () => {
      const result = await checkInboxSignatureAction(request.inbox_id, request.id, webhookId);
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  if (check.isError) return <p className="text-xs text-red-700">{t("failed")}</p>;
  if (!check.data)
    return (
      <p className="text-xs text-slate-500" aria-busy="true">
        {t("checking")}
      </p>
    );
  const verdict = check.data;
  const valid = verdict.result === "valid";
  return (
    <p
      data-testid="signature-verdict"
      data-result={verdict.result}
      className={
        valid
          ? "flex items-center gap-1.5 rounded-md bg-emerald-50 px-2 py-1 text-xs font-medium text-emerald-800 ring-1 ring-emerald-200"
          : "flex items-center gap-1.5 rounded-md bg-red-50 px-2 py-1 text-xs font-medium text-red-800 ring-1 ring-red-200"
      }
    >
      {valid ? <ValidIcon /> : <InvalidIcon />}
      <span>
        {verdictText(t, verdict)}
        {request.method === "GET" ? ` ${t("getNote")}` : null}
      </span>
    </p>
  );
}

function verdictText(
  t: ReturnType<typeof useTranslations<"Inboxes.signature">>,
  verdict: SignatureVerdict,
): string {
  switch (verdict.result) {
    case "valid":
      return verdict.secret === 0 ? t("valid") : t("validPrevious");
    case "invalid":
      return t("invalid");
    case "stale":
      return verdict.direction === "too_old" ? t("staleOld") : t("staleNew");
    case "missing_headers":
      return t("missing", { headers: verdict.missing.join(", ") });
  }
}
