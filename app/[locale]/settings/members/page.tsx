import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { InviteCreator } from "@/components/settings/invite-creator";
import { RemoveMemberButton, WithdrawInviteButton } from "@/components/settings/member-buttons";
import { MemberRoleSelect } from "@/components/settings/member-role-select";
import { SettingsSection } from "@/components/settings/settings-section";
import { Table, TableCell, TableHeader } from "@/components/ui/table";
import { pageAccess } from "@/lib/pages";
import { listOpenInvites } from "@/lib/workspaces/invites";
import { listMembers } from "@/lib/workspaces/members";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Settings.members");
  return { title: t("title") };
}

export default async function MembersPage() {
  const { access, db } = await pageAccess("owner");
  const t = await getTranslations("Settings");
  const format = await getFormatter();
  const [members, invites] = await Promise.all([
    listMembers(db, access.workspaceId),
    listOpenInvites(db, access.workspaceId),
  ]);
  // The only owner cannot be removed (the server refuses it too): no button that can only fail.
  const owners = members.filter((member) => member.role === "owner").length;
  const columns = {
    email: t("members.columns.email"),
    name: t("members.columns.name"),
    role: t("members.columns.role"),
    since: t("members.columns.since"),
  };
  return (
    <div className="space-y-10">
      <SettingsSection id="members" title={t("members.title")} description={t("members.description")}>
        <Table>
          <TableHeader columns={Object.values(columns)} actionsLabel={t("members.columns.actions")} />
          <tbody>
            {members.map((member) => (
              <tr key={member.user_id} data-testid="member-row">
                <TableCell className="font-medium break-all lg:break-normal">{member.email}</TableCell>
                <TableCell label={columns.name}>{member.name}</TableCell>
                <TableCell label={columns.role}>
                  <MemberRoleSelect userId={member.user_id} email={member.email} role={member.role} />
                </TableCell>
                <TableCell label={columns.since} className="lg:whitespace-nowrap">
                  {format.dateTime(member.since, { dateStyle: "medium" })}
                </TableCell>
                <TableCell className="lg:text-right">
                  {member.role === "owner" && owners === 1 ? null : (
                    <RemoveMemberButton userId={member.user_id} email={member.email} />
                  )}
                </TableCell>
              </tr>
            ))}
          </tbody>
        </Table>
      </SettingsSection>

      <SettingsSection id="invites" title={t("invites.title")} description={t("invites.description")}>
        <InviteCreator />
        <h3 className="text-sm font-semibold text-slate-800">{t("invites.open")}</h3>
        {invites.length === 0 ? (
          <p className="text-sm text-slate-500">{t("invites.none")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
            {invites.map((invite) => (
              <li
                key={invite.id}
                className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-2 text-sm"
              >
                <span>
                  <span className="font-medium">{t(`roles.${invite.role}`)}</span>
                  <span className="ml-3 inline-block text-slate-500">
                    {t("invites.expires", {
                      date: format.dateTime(invite.expires_at, { dateStyle: "medium", timeStyle: "short" }),
                    })}
                  </span>
                </span>
                <WithdrawInviteButton id={invite.id} role={t(`roles.${invite.role}`)} />
              </li>
            ))}
          </ul>
        )}
      </SettingsSection>
    </div>
  );
}
