"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Switch } from "@/components/ui/switch";
import { setWebhookActiveAction } from "@/lib/webhooks/actions";

// Saves at once. While the request runs the switch shows the new state (the mutation's variables);
// if it fails the switch falls back to the last saved state and says why.
export function WebhookActiveSwitch({ id, name, active }: { id: string; name: string; active: boolean }) {
  const t = useTranslations("Webhooks");
  const errorId = useId();
  const [saved, setSaved] = useState(active);
  const mutation = useMutation({
    mutationFn: async (next: boolean) => {
      const webhook = await setWebhookActiveAction(id, next);
      if (!webhook) throw new Error("not_found");
      return webhook;
    },
    onSuccess: (webhook) => setSaved(webhook.active),
  });
  const checked = mutation.isPending ? (mutation.variables ?? saved) : saved;

  return (
    <div>
      <div className="flex items-center gap-2">
        <Switch
          checked={checked}
          aria-label={t("activeLabel", { name })}
          aria-busy={mutation.isPending}
          aria-describedby={mutation.isError ? errorId : undefined}
          onCheckedChange={(next) => {
            if (!mutation.isPending) mutation.mutate(next);
          }}
        />
        <span className={checked ? "text-sm text-emerald-700" : "text-sm text-slate-500"}>
          {checked ? t("status.active") : t("status.inactive")}
        </span>
      </div>
      {mutation.isError ? (
        <p id={errorId} role="alert" className="mt-1 text-xs text-red-700">
          {t("toggleFailed")}
        </p>
      ) : null}
    </div>
  );
}
