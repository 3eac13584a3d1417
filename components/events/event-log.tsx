import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input, Select } from "@/components/ui/input";
import { Pager } from "@/components/ui/pager";
import { Table, TableCell, TableHeader } from "@/components/ui/table";
import { elementLabels } from "@/components/webhooks/element-labels";
import { elements } from "@/lib/elements";
import { Link } from "@/lib/i18n/navigation";
import type { DeliveryCounts, EventSummary } from "@/lib/recovery/rows";
import { eventStates } from "@/lib/recovery/schemas";

/** The filters as the URL holds them (times as datetime-local values, read as UTC). */
export type EventFilters = {
  search?: string;
  element?: string;
  trigger?: string;
  state?: string;
  from?: string;
  to?: string;
};

type Props = { events: EventSummary[]; older: string | null; paged: boolean; filters: EventFilters };

// Every accepted event of the workspace, newest first, with a plain GET form for its filters: it works
// without JavaScript, and the URL is the filter, so a filtered page can be shared and paged.
export function EventLog({ events, older, paged, filters }: Props) {
  const t = useTranslations("Events");
  const labels = elementLabels(useTranslations());
  const format = useFormatter();
  const query = new URLSearchParams(
    Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])),
  ).toString();
  const base = query ? `/events?${query}` : "/events";

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t("title")}</h1>
        <p className="mt-1 max-w-2xl text-sm text-slate-600">{t("description")}</p>
      </div>

      <form
        method="get"
        aria-label={t("filters")}
        className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-3"
      >
        <Filter name="search" label={t("search")} className="sm:col-span-3">
          <Input
            id="events-search"
            name="search"
            type="search"
            defaultValue={filters.search ?? ""}
            placeholder={t("searchPlaceholder")}
          />
        </Filter>
        <Filter name="element" label={t("element")}>
          <Select id="events-element" name="element" defaultValue={filters.element ?? ""}>
            <option value="">{t("any")}</option>
            {elements.map((element) => (
              <option key={element.key} value={element.key}>
                {labels.element(element.key)}
              </option>
            ))}
          </Select>
        </Filter>
        <Filter name="trigger" label={t("trigger")}>
          <Input
            id="events-trigger"
            name="trigger"
            defaultValue={filters.trigger ?? ""}
            placeholder="create"
          />
        </Filter>
        <Filter name="state" label={t("state")}>
          <Select id="events-state" name="state" defaultValue={filters.state ?? ""}>
            <option value="">{t("any")}</option>
            {eventStates.map((state) => (
              <option key={state} value={state}>
                {t(`states.${state}`)}
              </option>
            ))}
          </Select>
        </Filter>
        {(["from", "to"] as const).map((name) => (
          <Filter key={name} name={name} label={t(name)}>
            <Input
              id={`events-${name}`}
              name={name}
              type="datetime-local"
              step={1}
              defaultValue={filters[name] ?? ""}
            />
          </Filter>
        ))}
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClasses("primary")}>
            {t("apply")}
          </button>
          {query ? (
            <Link href="/events" className={buttonClasses("ghost")}>
              {t("reset")}
            </Link>
          ) : null}
        </div>
      </form>

      {events.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-sm text-slate-600">
          {query || paged ? t("noMatch") : t("empty")}
        </p>
      ) : (
        <Table aria-label={t("listLabel")}>
          <TableHeader columns={[t("received"), t("elementAndTrigger"), t("elementId"), t("deliveries")]} />
          <tbody>
            {events.map((event) => (
              <tr key={event.id}>
                <TableCell className="whitespace-nowrap">
                  <Link
                    href={`/events/${event.id}`}
                    className="font-medium text-indigo-700 hover:underline"
                    aria-label={t("open", { id: event.element_id ?? event.id })}
                  >
                    <time dateTime={event.received_at}>
                      {format.dateTime(new Date(event.received_at), {
                        dateStyle: "medium",
                        timeStyle: "medium",
                      })}
                    </time>
                  </Link>
                </TableCell>
                <TableCell>
                  {labels.element(event.trigger_element)} ·{" "}
                  {labels.trigger(event.trigger_element, event.trigger)}
                </TableCell>
                <TableCell className="font-mono text-xs break-all text-slate-700">
                  {event.element_id ?? "—"}
                  {event.prokey ? (
                    <span className="block text-slate-500">{t("prokey", { prokey: event.prokey })}</span>
                  ) : null}
                </TableCell>
                <TableCell>
                  <Counts counts={event.deliveries} />
                </TableCell>
              </tr>
            ))}
          </tbody>
        </Table>
      )}

      <Pager
        base={base}
        older={older}
        paged={paged}
        texts={{ label: t("pagination"), newest: t("newest"), older: t("older") }}
      />
    </div>
  );
}

// A label above its control; the control carries the id `events-<name>`.
function Filter({
  name,
  label,
  className,
  children,
}: {
  name: string;
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={`events-${name}`} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
    </div>
  );
}

function Counts({ counts }: { counts: DeliveryCounts }) {
  const t = useTranslations("Events.counts");
  if (counts.total === 0) return <span className="text-xs text-slate-500">{t("none")}</span>;
  const parts = (["succeeded", "failed", "pending", "cancelled"] as const).filter(
    (state) => counts[state] > 0,
  );
  return (
    <span className="flex flex-wrap gap-x-3 text-xs">
      {parts.map((state) => (
        <span
          key={state}
          className={
            state === "failed" ? "text-red-700" : state === "pending" ? "text-amber-800" : "text-slate-700"
          }
        >
          {t(state, { count: String(counts[state]) })}
        </span>
      ))}
    </span>
  );
}
