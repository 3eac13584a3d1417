"use client";

import { useFormatter, useTranslations } from "next-intl";
import { buttonClasses } from "@/components/ui/button";
import { SpriteIcon } from "@/components/ui/icon-sprite";
import { TableCell } from "@/components/ui/table";
import type { FailureReason, HealthState, SparkBar } from "@/lib/health/series";
import { Link } from "@/lib/i18n/navigation";
import { DeleteWebhookButton } from "./delete-webhook-button";
import { HealthCell } from "./health-cell";
import { MethodAndUrl } from "./method-and-url";
import { TestSendRowButton } from "./test-send-row";
import { WebhookActiveSwitch } from "./webhook-active-switch";

/** What a list row shows: plain data, labels already in the reader's language. */
export type WebhookRow = {
  id: string;
  name: string;
  element: string;
  trigger: string;
  active: boolean;
  disabledReason: string | null;
  method: string;
  url: string;
  lastExecution: string | null;
  /** The last 24 hours; null: no deliveries. */
  health: {
    state: HealthState;
    failingSince: string | null;
    reason: FailureReason | null;
    deliveries: number;
    succeeded: number;
    failed: number;
    bars: SparkBar[];
  } | null;
};

export type WebhookColumns = Record<"trigger" | "status" | "health" | "url" | "lastExecution", string>;

// The rows are drawn here, in one client component, from plain data: drawn on the server, each of a
// hundred rows was sent twice, as HTML and again as React's payload describing every element (1.7 MB for
// 100 webhooks, most of the list's server time). Now the payload carries only this data. Their icons come
// from the page's IconSprite (ROW_ICONS).
export function WebhookRows({
  rows,
  columns,
  failingDays,
  canEdit,
  now,
}: {
  rows: WebhookRow[];
  columns: WebhookColumns;
  failingDays: number;
  canEdit: boolean;
  /** The page's render time, so "failing for" reads the same on every row and in the server's HTML. */
  now: string;
}) {
  const t = useTranslations("Webhooks");
  const format = useFormatter();
  const renderedAt = new Date(now);
  return rows.map((row) => (
    <tr key={row.id} className="hover:bg-slate-50/60">
      <TableCell className="font-medium text-slate-900">
        {/* Long names end in an ellipsis in the table (whole in the title); a card has room. */}
        <Link
          href={`/webhooks/${row.id}`}
          title={row.name}
          className="hover:text-indigo-700 hover:underline lg:block lg:max-w-44 lg:truncate"
        >
          {row.name}
        </Link>
      </TableCell>
      {/* The element above its trigger: one column, so the health column fits at 1280 px. */}
      <TableCell label={columns.trigger} className="text-slate-700">
        <span className="block lg:whitespace-nowrap">{row.element}</span>
        <span className="mt-1 inline-flex rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-slate-700">
          {row.trigger}
        </span>
      </TableCell>
      <TableCell label={columns.status}>
        <WebhookActiveSwitch
          id={row.id}
          name={row.name}
          active={row.active}
          disabledReason={row.disabledReason}
          failingDays={failingDays}
          readOnly={!canEdit}
        />
      </TableCell>
      <TableCell label={columns.health}>
        <HealthCell webhookId={row.id} name={row.name} health={row.health} now={renderedAt} />
      </TableCell>
      <TableCell label={columns.url} className="lg:max-w-44">
        <div className="flex items-center gap-2">
          <MethodAndUrl method={row.method} url={row.url} />
        </div>
      </TableCell>
      <TableCell label={columns.lastExecution} className="whitespace-nowrap text-slate-600">
        {row.lastExecution ? (
          <time dateTime={row.lastExecution}>
            {format.dateTime(new Date(row.lastExecution), { dateStyle: "medium", timeStyle: "short" })}
          </time>
        ) : (
          <span className="text-slate-500">{t("never")}</span>
        )}
        {/* Beside the last execution: the log of every execution. */}
        <Link
          href={`/webhooks/${row.id}/deliveries`}
          aria-label={t("deliveries", { name: row.name })}
          className="mt-0.5 flex w-fit items-center gap-1 text-xs font-medium text-indigo-700 hover:text-indigo-500 hover:underline"
        >
          <SpriteIcon name="log" />
          {t("deliveriesShort")}
        </Link>
      </TableCell>
      <TableCell>
        <div className="flex flex-wrap items-center gap-1 lg:flex-nowrap lg:justify-end">
          {/* Icons only in the table (their names say it all), so it fits at 1280 px. */}
          <Link
            href={`/webhooks/${row.id}`}
            aria-label={t("edit", { name: row.name })}
            title={t("edit", { name: row.name })}
            className={`${buttonClasses("ghost", "sm")} lg:px-1.5`}
          >
            <SpriteIcon name="edit" />
            <span className="lg:sr-only">{t("editShort")}</span>
          </Link>
          {canEdit ? <TestSendRowButton webhookId={row.id} name={row.name} /> : null}
          {canEdit ? <DeleteWebhookButton id={row.id} name={row.name} /> : null}
        </div>
      </TableCell>
    </tr>
  ));
}
