"use client";

import { useTranslations } from "next-intl";
import { useConfirmAction } from "@/components/forms/use-server-action";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { SpriteIcon } from "@/components/ui/icon-sprite";
import { deleteWebhookAction } from "@/lib/actions/webhooks";

// A row of the list: its icon comes from the list's IconSprite.
export function DeleteWebhookButton({ id, name }: { id: string; name: string }) {
  const t = useTranslations("Webhooks");
  const tt = useTranslations("Toasts");
  // "not_found" means it is gone already (deleted elsewhere): the list refreshes either way.
  const confirm = useConfirmAction(() => deleteWebhookAction(id), {
    refusal: () => null,
    failed: t("deleteFailed"),
    toast: tt("webhookDeleted"),
  });
  return (
    <ConfirmButton
      trigger={
        <>
          <SpriteIcon name="delete" />
          <span className="lg:sr-only">{t("deleteShort")}</span>
        </>
      }
      label={t("delete", { name })}
      texts={{
        title: t("confirm.title"),
        text: t("confirm.text", { name }),
        action: t("confirm.action"),
        busy: t("confirm.deleting"),
        cancel: t("confirm.cancel"),
      }}
      {...confirm}
    />
  );
}
