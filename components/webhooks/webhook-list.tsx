import { useFormatter, useTranslations } from "next-intl";
import { buttonClasses } from "@/components/ui/button";
import { Table, TableCell, TableHeader } from "@/components/ui/table";
import type { WebhookHealth } from "@/lib/health/series";
import { Link } from "@/lib/i18n/navigation";
import type { Webhook } from "@/lib/webhooks/schemas";
import { DeleteWebhookButton } from "./delete-webhook-button";
import { elementLabels } from "./element-labels";
import { HealthCell } from "./health-cell";
import { HookIcon, LogIcon, PencilIcon, PlusIcon } from "./icons";
import { MethodAndUrl } from "./method-and-url";
import { TestSendRowButton } from "./test-send-row";
import { WebhookActiveSwitch } from "./webhook-active-switch";

// `canEdit`: editors and owners create, switch and delete; viewers only look. `health`: each webhook's last
// 24 hours (absent: no deliveries), as of `now`.
export function WebhookList({
  webhooks,
  failingDays,
  canEdit,
  health,
  now,
}: {
  webhooks: Webhook[];
  failingDays: number;
  canEdit: boolean;
  health: Record<string, WebhookHealth>;
  now: string;
}) {
  const t = useTranslations("Webhooks");
  const labels = elementLabels(useTranslations());
  const format = useFormatter();
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
        {webhooks.length > 0 && canEdit ? (
          <Link href="/webhooks/new" className={buttonClasses("primary")}>
            <PlusIcon />
            {t("new")}
          </Link>
        ) : null}
      </div>

      {webhooks.length === 0 ? (
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
        <Table>
          <caption className="sr-only">{t("caption", { count: webhooks.length })}</caption>
          <TableHeader columns={Object.values(columns)} actionsLabel={t("columns.actions")} />
          <tbody>
            {webhooks.map((webhook) => (
              <tr key={webhook.id} className="hover:bg-slate-50/60">
                <TableCell className="font-medium text-slate-900">
                  {/* Long names end in an ellipsis in the table (whole in the title); a card has room. */}
                  <Link
                    href={`/webhooks/${webhook.id}`}
                    title={webhook.name}
                    className="hover:text-indigo-700 hover:underline lg:block lg:max-w-44 lg:truncate"
                  >
                    {webhook.name}
                  </Link>
                </TableCell>
                {/* The element above its trigger: one column, so the health column fits at 1280 px. */}
                <TableCell label={columns.trigger} className="text-slate-700">
                  <span className="block lg:whitespace-nowrap">
                    {labels.element(webhook.trigger_element)}
                  </span>
                  <span className="mt-1 inline-flex rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-slate-700">
                    {labels.trigger(webhook.trigger_element, webhook.trigger)}
                  </span>
                </TableCell>
                <TableCell label={columns.status}>
                  <WebhookActiveSwitch
                    id={webhook.id}
                    name={webhook.name}
                    active={webhook.active}
                    disabledReason={webhook.disabled_reason}
                    failingDays={failingDays}
                    readOnly={!canEdit}
                  />
                </TableCell>
                <TableCell label={columns.health}>
                  <HealthCell
                    webhookId={webhook.id}
                    name={webhook.name}
                    health={health[webhook.id]}
                    now={new Date(now)}
                  />
                </TableCell>
                <TableCell label={columns.url} className="lg:max-w-44">
                  <div className="flex items-center gap-2">
                    <MethodAndUrl method={webhook.method} url={webhook.payload_url} />
                  </div>
                </TableCell>
                <TableCell label={columns.lastExecution} className="whitespace-nowrap text-slate-600">
                  {webhook.last_execution ? (
                    <time dateTime={webhook.last_execution}>
                      {format.dateTime(new Date(webhook.last_execution), {
                        dateStyle: "medium",
                        timeStyle: "short",
                      })}
                    </time>
                  ) : (
                    <span className="text-slate-500">{t("never")}</span>
                  )}
                  {/* Beside the last execution: the log of every execution. */}
                  <Link
                    href={`/webhooks/${webhook.id}/deliveries`}
                    aria-label={t("deliveries", { name: webhook.name })}
                    className="mt-0.5 flex w-fit items-center gap-1 text-xs font-medium text-indigo-700 hover:text-indigo-500 hover:underline"
                  >
                    <LogIcon />
                    {t("deliveriesShort")}
                  </Link>
                </TableCell>
                <TableCell>
                  <div className="flex flex-wrap items-center gap-1 lg:flex-nowrap lg:justify-end">
                    {/* Icons only in the table (their names say it all), so it fits at 1280 px. */}
                    <Link
                      href={`/webhooks/${webhook.id}`}
                      aria-label={t("edit", { name: webhook.name })}
                      title={t("edit", { name: webhook.name })}
                      className={`${buttonClasses("ghost", "sm")} lg:px-1.5`}
                    >
                      <PencilIcon />
                      <span className="lg:sr-only">{t("editShort")}</span>
                    </Link>
                    {canEdit ? <TestSendRowButton webhookId={webhook.id} name={webhook.name} /> : null}
                    {canEdit ? <DeleteWebhookButton id={webhook.id} name={webhook.name} /> : null}
                  </div>
                </TableCell>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
