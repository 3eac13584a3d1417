import { useTranslations } from "next-intl";
import { buttonClasses } from "@/components/ui/button";
import { IconSprite } from "@/components/ui/icon-sprite";
import { Pager } from "@/components/ui/pager";
import { Table, TableHeader } from "@/components/ui/table";
import { sparkBars, type WebhookHealth } from "@/lib/health/series";
import { Link } from "@/lib/i18n/navigation";
import type { Webhook } from "@/lib/webhooks/schemas";
import { type ElementLabels, elementLabels } from "./element-labels";
import { HookIcon, PlusIcon } from "./icons";
import { ROW_ICONS } from "./row-icons";
import { type WebhookRow, WebhookRows } from "./webhook-rows";

// A row's data in the reader's language: the element catalog's labels stay on the server.
function rowOf(webhook: Webhook, labels: ElementLabels, health: WebhookHealth | undefined): WebhookRow {
  return {
    id: webhook.id,
    name: webhook.name,
    element: labels.element(webhook.trigger_element),
    trigger: labels.trigger(webhook.trigger_element, webhook.trigger),
    active: webhook.active,
    disabledReason: webhook.disabled_reason,
    method: webhook.method,
    url: webhook.payload_url,
    lastExecution: webhook.last_execution,
    health: health
      ? {
          state: health.state,
          failingSince: health.failingSince,
          reason: health.reason,
          deliveries: health.deliveries,
          succeeded: health.succeeded,
          failed: health.failed,
          bars: sparkBars(health.buckets),
        }
      : null,
  };
}

// `canEdit`: editors and owners create, switch and delete; viewers only look. `health`: each webhook's last
// 24 hours (absent: no deliveries), as of `now`.
export function WebhookList({
  webhooks,
  older,
  paged,
  failingDays,
  canEdit,
  health,
  now,
}: {
  webhooks: Webhook[];
  /** Paging (lib/keyset.ts): the next page's cursor, and whether this is a later page than the first. */
  older: string | null;
  paged: boolean;
  failingDays: number;
  canEdit: boolean;
  health: Record<string, WebhookHealth>;
  now: string;
}) {
  const t = useTranslations("Webhooks");
  const labels = elementLabels(useTranslations());
  const columns = {
    name: t("columns.name"),
    trigger: t("columns.trigger"),
    status: t("columns.status"),
    health: t("columns.health"),
    url: t("columns.url"),
    lastExecution: t("columns.lastExecution"),
  };

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t("title")}</h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">{t("description")}</p>
        </div>
        {(webhooks.length > 0 || paged) && canEdit ? (
          <Link href="/webhooks/new" className={buttonClasses("primary")}>
            <PlusIcon />
            {t("new")}
          </Link>
        ) : null}
      </div>

      {webhooks.length === 0 && !paged ? (
        <section
          aria-labelledby="webhooks-empty"
          className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-16 text-center"
        >
          <div className="mx-auto flex size-12 items-center justify-center rounded-full bg-indigo-50 text-indigo-600">
            <HookIcon />
          </div>
          <h2 id="webhooks-empty" className="mt-4 text-lg font-semibold text-slate-900">
            {t("empty.title")}
          </h2>
          <p className="mx-auto mt-2 max-w-md text-sm text-slate-600">{t("empty.text")}</p>
          {canEdit ? (
            <Link href="/webhooks/new" className={`${buttonClasses("primary")} mt-6`}>
              <PlusIcon />
              {t("empty.action")}
            </Link>
          ) : null}
        </section>
      ) : (
        <>
          <IconSprite icons={ROW_ICONS} />
          <Table>
            <caption className="sr-only">{t("caption", { count: webhooks.length })}</caption>
            <TableHeader columns={Object.values(columns)} actionsLabel={t("columns.actions")} />
            <tbody>
              <WebhookRows
                rows={webhooks.map((webhook) => rowOf(webhook, labels, health[webhook.id]))}
                columns={columns}
                failingDays={failingDays}
                canEdit={canEdit}
                now={now}
              />
            </tbody>
          </Table>
          <Pager
            base="/webhooks"
            older={older}
            paged={paged}
            texts={{ label: t("pagination"), newest: t("newest"), older: t("older") }}
          />
        </>
      )}
    </div>
  );
}
