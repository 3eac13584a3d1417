"use client";

import { useTranslations } from "next-intl";
import { useConfirmAction } from "@/components/forms/use-server-action";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { deleteInviteAction, removeMemberAction } from "@/lib/actions/workspaces";

export function RemoveMemberButton({ userId, email }: { userId: string; email: string }) {
  const t = useTranslations("Settings.members");
  const tt = useTranslations("Toasts");
  const confirm = useConfirmAction(() => removeMemberAction(userId), {
    refusal: (error) => (error === "last_owner" ? t("lastOwner") : t("failed")),
    failed: t("failed"),
    toast: tt("memberRemoved"),
  });
  return (
    <ConfirmButton
      trigger={t("remove")}
      label={t("removeLabel", { email })}
      texts={{
        title: t("confirm.title"),
        text: t("confirm.text", { email }),
        action: t("confirm.action"),
        cancel: t("confirm.cancel"),
      }}
      {...confirm}
    />
  );
}

export function WithdrawInviteButton({ id, role }: { id: string; role: string }) {
  const t = useTranslations("Settings");
  const tt = useTranslations("Toasts");
  const confirm = useConfirmAction(() => deleteInviteAction(id), {
    refusal: () => t("members.failed"),
    failed: t("members.failed"),
    toast: tt("inviteDeleted"),
  });
  return (
    <ConfirmButton
      trigger={t("invites.delete")}
      label={t("invites.deleteLabel", { role })}
      texts={{
        title: t("invites.delete"),
        text: t("invites.deleteLabel", { role }),
        action: t("invites.delete"),
        cancel: t("members.confirm.cancel"),
      }}
      {...confirm}
    />
  );
}
