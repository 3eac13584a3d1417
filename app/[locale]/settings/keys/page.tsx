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

export default async function KeysPage() {
  const { access, db } = await pageAccess("owner");
  const t = await getTranslations("Settings.keys");
  const format = await getFormatter();
  const keys = await listKeys(db, access.workspaceId);
  const now = Date.now();
  const date = (value: Date | null, fallback: string) =>
    value ? format.dateTime(value, { dateStyle: "medium", timeStyle: "short" }) : fallback;
  return (
    <SettingsSection id="keys" title={t("title")} description={t("description")}>
      <KeyCreateForm />
      {keys.length === 0 ? (
        <p className="text-sm text-slate-500">{t("empty")}</p>
      ) : (
        <Table>
          <TableHeader
            columns={(
              ["name", "kind", "scope", "prefix", "created", "expires", "lastUsed", "status"] as const
            ).map((column) => t(`columns.${column}`))}
            actionsLabel={t("columns.actions")}
          />
          <tbody>
            {keys.map((key) => {
              const status = statusOf(key, now);
              return (
                <tr key={key.id} data-testid="key-row">
                  <TableCell className="font-medium">{key.name}</TableCell>
                  <TableCell>{t(`kinds.${key.kind}`)}</TableCell>
                  <TableCell>{key.kind === "event" ? t("eventScope") : t(`scopes.${key.scope}`)}</TableCell>
                  <TableCell className="font-mono text-xs">{key.prefix}…</TableCell>
                  <TableCell>{date(key.created_at, "")}</TableCell>
                  <TableCell>{date(key.expires_at, t("noExpiry"))}</TableCell>
                  <TableCell>{date(key.last_used_at, t("never"))}</TableCell>
                  <TableCell>{t(`status.${status}`)}</TableCell>
                  <TableCell className="text-right">
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
