import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { KeyCreateForm } from "@/components/settings/key-create-form";
import { RevokeKeyButton } from "@/components/settings/revoke-key-button";
import { SettingsSection } from "@/components/settings/settings-section";
import { Table, TableCell, TableHeader } from "@/components/ui/table";
import { type KeyView, listKeys } from "@/lib/keys/keys";
import { pageAccess } from "@/lib/pages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Settings.keys");
  return { title: t("title") };
}

function statusOf(key: KeyView, now: number): "active" | "revoked" | "expired" {
  if (key.revoked_at) return "revoked";
  if (key.expires_at && key.expires_at.getTime() <= now) return "expired";
  return "active";
}

const nowrap = "lg:whitespace-nowrap";

export default async function KeysPage() {
  const { access, db } = await pageAccess("owner");
  const t = await getTranslations("Settings.keys");
  const format = await getFormatter();
  const keys = await listKeys(db, access.workspaceId);
  const now = Date.now();
  const date = (value: Date | null, fallback: string) =>
    value ? format.dateTime(value, { dateStyle: "medium", timeStyle: "short" }) : fallback;
  const columns = {
    name: t("columns.name"),
    kind: t("columns.kind"),
    scope: t("columns.scope"),
    created: t("columns.created"),
    expires: t("columns.expires"),
    lastUsed: t("columns.lastUsed"),
    status: t("columns.status"),
  };
  return (
    <SettingsSection id="keys" title={t("title")} description={t("description")}>
      <KeyCreateForm />
      {keys.length === 0 ? (
        <p className="text-sm text-slate-500">{t("empty")}</p>
      ) : (
        <Table>
          <TableHeader columns={Object.values(columns)} actionsLabel={t("columns.actions")} />
          <tbody>
            {keys.map((key) => {
              const status = statusOf(key, now);
              return (
                <tr key={key.id} data-testid="key-row">
                  {/* The key's beginning under its name: one column less, so the table fits at 1280 px. */}
                  <TableCell>
                    <span title={key.name} className="block font-medium lg:max-w-44 lg:truncate">
                      {key.name}
                    </span>
                    <span className="font-mono text-xs text-slate-500">{key.prefix}…</span>
                  </TableCell>
                  <TableCell label={columns.kind} className={nowrap}>
                    {t(`kinds.${key.kind}`)}
                  </TableCell>
                  <TableCell label={columns.scope} className={nowrap}>
                    {key.kind === "event" ? t("eventScope") : t(`scopes.${key.scope}`)}
                  </TableCell>
                  <TableCell label={columns.created} className={nowrap}>
                    {date(key.created_at, "")}
                  </TableCell>
                  <TableCell label={columns.expires} className={nowrap}>
                    {date(key.expires_at, t("noExpiry"))}
                  </TableCell>
                  <TableCell label={columns.lastUsed} className={nowrap}>
                    {date(key.last_used_at, t("never"))}
                  </TableCell>
                  <TableCell label={columns.status} className={nowrap}>
                    {t(`status.${status}`)}
                  </TableCell>
                  <TableCell className="lg:text-right">
                    {status === "active" ? <RevokeKeyButton id={key.id} name={key.name} /> : null}
                  </TableCell>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </SettingsSection>
  );
}
