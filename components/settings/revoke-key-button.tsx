"use client";

import { useTranslations } from "next-intl";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { revokeKeyAction } from "@/lib/actions/keys";

export function RevokeKeyButton({ id, name }: { id: string; name: string }) {
  const t = useTranslations("Settings.keys");
  return (
    <ConfirmButton
      trigger={t("revoke")}
      label={t("revokeLabel", { name })}
      texts={{
        title: t("confirm.title"),
        text: t("confirm.text", { name }),
        action: t("confirm.action"),
        cancel: t("confirm.cancel"),
        failed: t("failed"),
      }}
      run={async () => ((await revokeKeyAction(id)).ok ? true : t("failed"))}
    />
  );
}
