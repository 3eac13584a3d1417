"use client";

import { useTranslations } from "next-intl";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { deleteWebhookAction } from "@/lib/actions/webhooks";
import { TrashIcon } from "./icons";

export function DeleteWebhookButton({ id, name }: { id: string; name: string }) {
  const t = useTranslations("Webhooks");
  return (
    <ConfirmButton
      trigger={
        <>
          <TrashIcon />
          <span>{t("deleteShort")}</span>
        </>
      }
      label={t("delete", { name })}
      texts={{
        title: t("confirm.title"),
        text: t("confirm.text", { name }),
        action: t("confirm.action"),
        busy: t("confirm.deleting"),
        cancel: t("confirm.cancel"),
        failed: t("deleteFailed"),
      }}
      run={async () => {
        // `false` means it is gone already (deleted elsewhere): the list refreshes either way.
        await deleteWebhookAction(id);
        return true;
      }}
    />
  );
}
