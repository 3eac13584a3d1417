import type { Metadata } from "next";
import type { Messages } from "next-intl";
import { getFormatter, getTranslations } from "next-intl/server";
import { SettingsSection } from "@/components/settings/settings-section";
import { Pager } from "@/components/ui/pager";
import { Table, TableCell, TableHeader } from "@/components/ui/table";
import type { AuditRow } from "@/db/schema";
import { AUDIT_PAGE_SIZE, listAuditEntries } from "@/lib/audit/queries";
import { cursorParam } from "@/lib/keyset";
import { pageAccess } from "@/lib/pages";
import { isRole } from "@/lib/workspaces/roles";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Settings.audit");
  return { title: t("title") };
}

type Translate = Awaited<ReturnType<typeof getTranslations<"Settings">>>;
// Every action's message takes `active` (only the switch's uses it), so any of them may be asked for.
type AuditActionKey = keyof Messages["Settings"]["audit"]["actions"];

// What changed, in words: the fields of a save, a role change, a switch on or off.
function detailsText(entry: AuditRow, t: Translate): string {
  const details = entry.details ?? {};
  // Before the role check: a workspace may well be called "owner".
  if (
    entry.action === "workspace.rename" &&
    typeof details.from === "string" &&
    typeof details.to === "string"
  ) {
    return t("audit.nameChange", { from: details.from, to: details.to });
  }
  if (entry.action === "workspace.create" && typeof details.owner === "string") {
    return t("audit.owner", { email: details.owner });
  }
  if (Array.isArray(details.fields)) return t("audit.fields", { fields: details.fields.join(", ") });
  if (isRole(details.from) && isRole(details.to)) {
    return t("audit.roleChange", { from: t(`roles.${details.from}`), to: t(`roles.${details.to}`) });
  }
  if (isRole(details.role)) return t(`roles.${details.role}`);
  if (typeof details.scope === "string" && typeof details.kind === "string") {
    // An event key's one right, whatever scope was recorded for it before event keys had only one.
    const scope =
      details.kind === "event" ? t("keys.eventScope") : t(`keys.scopes.${details.scope as "read"}`);
    return `${t(`keys.kinds.${details.kind as "api"}`)}, ${scope}`;
  }
  return "";
}

export default async function AuditPage({ searchParams }: PageProps<"/[locale]/settings/audit">) {
  const { access, db } = await pageAccess("owner");
  const t = await getTranslations("Settings");
  const format = await getFormatter();
  const { before } = await searchParams;
  const cursor = cursorParam(before);
  const { entries, older } = await listAuditEntries(db, access.workspaceId, { before: cursor });
  const columns = {
    at: t("audit.columns.at"),
    actor: t("audit.columns.actor"),
    action: t("audit.columns.action"),
    target: t("audit.columns.target"),
    details: t("audit.columns.details"),
  };
  return (
    <SettingsSection
      id="audit"
      title={t("audit.title")}
      description={t("audit.description", { count: String(AUDIT_PAGE_SIZE) })}
    >
      {entries.length === 0 ? (
        <p className="text-sm text-slate-500">{t("audit.empty")}</p>
      ) : (
        <Table>
          <TableHeader columns={Object.values(columns)} />
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} data-testid="audit-row">
                <TableCell label={columns.at} className="whitespace-nowrap">
                  {format.dateTime(entry.at, { dateStyle: "medium", timeStyle: "medium" })}
                </TableCell>
                <TableCell label={columns.actor} className="break-all lg:break-normal">
                  <span className="block text-xs text-slate-500">
                    {t(`audit.actors.${entry.actor_kind as "user"}`)}
                  </span>
                  {entry.actor_label}
                </TableCell>
                <TableCell label={columns.action}>
                  {t(`audit.actions.${entry.action.replace(".", "_") as AuditActionKey}`, {
                    active: String(entry.details?.active ?? ""),
                  })}
                </TableCell>
                <TableCell label={columns.target} className="break-words">
                  {entry.target_label ?? ""}
                </TableCell>
                <TableCell label={columns.details} className="break-words text-slate-600">
                  {detailsText(entry, t)}
                </TableCell>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Pager
        base="/settings/audit"
        older={older}
        paged={cursor !== null}
        texts={{ label: t("audit.pagination"), newest: t("audit.newest"), older: t("audit.older") }}
      />
    </SettingsSection>
  );
}
