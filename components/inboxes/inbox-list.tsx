import { useFormatter, useTranslations } from "next-intl";
import { Table, TableCell, TableHeader } from "@/components/ui/table";
import { Link } from "@/lib/i18n/navigation";
import { InboxIcon } from "./icons";
import { DeleteInboxButton, PinInboxButton } from "./inbox-buttons";
import { CreateInboxForm } from "./inbox-create-form";

export type InboxRow = {
  id: string;
  name: string;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string | null;
  pinned: boolean;
};

// `canEdit`: editors and owners create, pin and delete; viewers look and read requests.
export function InboxList({
  inboxes,
  limit,
  canEdit,
}: {
  inboxes: InboxRow[];
  limit: number;
  canEdit: boolean;
}) {
  const t = useTranslations("Inboxes");
  const format = useFormatter();
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t("title")}</h1>
        <p className="mt-1 max-w-2xl text-sm text-slate-600">{t("description")}</p>
      </div>
      {canEdit ? <CreateInboxForm full={inboxes.length >= limit} limit={limit} /> : null}

      {inboxes.length === 0 ? (
        <section
          aria-labelledby="inboxes-empty"
          className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-14 text-center"
        >
          <div className="mx-auto flex size-12 items-center justify-center rounded-full bg-indigo-50 text-indigo-600">
            <InboxIcon />
          </div>
          <h2 id="inboxes-empty" className="mt-4 text-lg font-semibold text-slate-900">
            {t("empty.title")}
          </h2>
          <p className="mx-auto mt-2 max-w-md text-sm text-slate-600">
            {canEdit ? t("empty.text") : t("empty.viewer")}
          </p>
        </section>
      ) : (
        <Table>
          <caption className="sr-only">{t("caption", { count: inboxes.length })}</caption>
          <TableHeader
            columns={(["name", "createdBy", "createdAt", "expiry"] as const).map((column) =>
              t(`columns.${column}`),
            )}
            actionsLabel={t("columns.actions")}
          />
          <tbody>
            {inboxes.map((inbox) => (
              <tr key={inbox.id} className="hover:bg-slate-50/60">
                <TableCell className="font-medium text-slate-900">
                  <Link href={`/inboxes/${inbox.id}`} className="hover:text-indigo-700 hover:underline">
                    {inbox.name}
                  </Link>
                </TableCell>
                <TableCell className="text-slate-700">
                  {inbox.createdBy ?? <span className="text-slate-400">{t("createdByKey")}</span>}
                </TableCell>
                <TableCell className="whitespace-nowrap text-slate-600">
                  <time dateTime={inbox.createdAt}>{when(inbox.createdAt)}</time>
                </TableCell>
                <TableCell className="whitespace-nowrap text-slate-600">
                  {inbox.expiresAt ? (
                    <time dateTime={inbox.expiresAt}>{t("expires", { time: when(inbox.expiresAt) })}</time>
                  ) : (
                    <span className="inline-flex rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-700">
                      {t("pinned")}
                    </span>
                  )}
                </TableCell>
                <TableCell>
                  {canEdit ? (
                    <div className="flex items-center justify-end gap-1">
                      <PinInboxButton id={inbox.id} name={inbox.name} pinned={inbox.pinned} />
                      <DeleteInboxButton id={inbox.id} name={inbox.name} />
                    </div>
                  ) : null}
                </TableCell>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
