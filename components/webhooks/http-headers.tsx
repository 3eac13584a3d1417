"use client";

import { useTranslations } from "next-intl";

// Its own file so the editor's test outcome can show headers without loading the delivery log's
// attempt view (and its cURL builder) on first load: the editor's budget is 200 kB.

export const attemptHeading = "mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase";

export function Headers({ headers }: { headers: [string, string][] }) {
  const t = useTranslations("Deliveries");
  return (
    <div>
      <h5 className={attemptHeading}>{t("headers")}</h5>
      {headers.length === 0 ? (
        <p className="text-xs text-slate-500">{t("noHeaders")}</p>
      ) : (
        <dl className="divide-y divide-slate-100 rounded-lg border border-slate-200 font-mono text-xs">
          {headers.map(([name, value], index) => (
            // Header names may repeat; their order is what was sent.
            // biome-ignore lint/suspicious/noArrayIndexKey: a static list that never reorders
            <div key={index} className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-3 px-3 py-1.5">
              <dt className="break-all text-slate-500">{name}</dt>
              <dd className="break-all text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
