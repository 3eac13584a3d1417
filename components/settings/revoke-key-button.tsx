"use client";

import { useTranslations } from "next-intl";
import { useConfirmAction } from "@/components/forms/use-server-action";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { revokeKeyAction } from "@/lib/actions/keys";

export function RevokeKeyButton({ id, name }: { id: string; name: string }) {
  const t = useTranslations("Settings.keys");
  const tt = useTranslations("Toasts");
  const confirm = useConfirmAction(() => revokeKeyAction(id), {
    refusal: () => t("failed"),
    failed: t("failed"),
    toast: tt("keyRevoked"),
  });
  return (
    <ConfirmButton
      trigger={t("revoke")}
      label={t("revokeLabel", { name })}
      texts={{
        title: t("confirm.title"),
        text: t("confirm.text", { name }),
        action: t("confirm.action"),
        cancel: t("confirm.cancel"),
      }}
      {...confirm}
    />
  );
}
