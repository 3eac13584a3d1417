import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { type EventFilters, EventLog } from "@/components/events/event-log";
import { cursorParam } from "@/lib/keyset";
import { localeOf, pageAccess } from "@/lib/pages";
import { listEvents } from "@/lib/recovery/events";
import { type EventQuery, eventQuerySchema } from "@/lib/recovery/schemas";

export async function generateMetadata({ params }: PageProps<"/[locale]/events">): Promise<Metadata> {
  const t = await getTranslations({ locale: await localeOf(params), namespace: "Events" });
  return { title: t("title") };
}

const text = (value: string | string[] | undefined) =>
  typeof value === "string" && value !== "" ? value : undefined;
// A datetime-local value (no zone) is read as UTC, as the form's labels say.
const utc = (value: string | undefined) =>
  value && !/[zZ]|[+-]\d\d:\d\d$/.test(value) ? `${value}Z` : value;

export default async function EventsPage({ searchParams }: PageProps<"/[locale]/events">) {
  const { access, db } = await pageAccess();
  const params = await searchParams;
  const filters: EventFilters = {
    search: text(params.search),
    element: text(params.element),
    trigger: text(params.trigger),
    state: text(params.state),
    from: text(params.from),
    to: text(params.to),
  };
  const before = cursorParam(params.before);
  // A filter that does not parse is left out rather than failing the page.
  const parsed = Object.entries({ ...filters, from: utc(filters.from), to: utc(filters.to) }).reduce(
    (query, [key, value]) => {
      const one = eventQuerySchema.safeParse({ [key]: value });
      return one.success ? Object.assign(query, one.data) : query;
    },
    {} as EventQuery,
  );
  const page = await listEvents(db, access.workspaceId, { ...parsed, ...(before ? { before } : {}) });
  return <EventLog events={page.events} older={page.older} paged={before !== null} filters={filters} />;
}
