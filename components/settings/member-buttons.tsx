"use client";

import { useTranslations } from "next-intl";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { deleteInviteAction, removeMemberAction } from "@/lib/actions/workspaces";

export function RemoveMemberButton({ userId, email }: { userId: string; email: string }) {
  const t = useTranslations("Settings.members");
  return (
    <ConfirmButton
      trigger={t("remove")}
      label={t("removeLabel", { email })}
      texts={{
        title: t("confirm.title"),
        text: t("confirm.text", { email }),
        action: t("confirm.action"),
        cancel: t("confirm.cancel"),
        failed: t("failed"),
      }}
      run={async () => {
        const result = await removeMemberAction(userId);
        if (result.ok) return true;
        return result.error === "last_owner" ? t("lastOwner") : t("failed");
      }}
    />
  );
}

export function WithdrawInviteButton({ id, role }: { id: string; role: string }) {
  const t = useTranslations("Settings");
  return (
    <ConfirmButton
      trigger={t("invites.delete")}
      label={t("invites.deleteLabel", { role })}
      texts={{
        title: t("invites.delete"),
        text: t("invites.deleteLabel", { role }),
        action: t("invites.delete"),
        cancel: t("members.confirm.cancel"),
        failed: t("members.failed"),
      }}
      run={async () => ((await deleteInviteAction(id)).ok ? true : t("members.failed"))}
    />
  );
}
