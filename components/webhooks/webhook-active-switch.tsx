"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Switch } from "@/components/ui/switch";
import { setWebhookActiveAction } from "@/lib/actions/webhooks";
import { DisabledReason } from "./disabled-reason";

// Saves at once. While the request runs the switch shows the new state (the mutation's variables) and is
// disabled, so a second click cannot be lost (a person, or a test, sees it cannot be switched yet);
// if it fails the switch falls back to the last saved state and says why. A webhook the system switched
// off says why beneath; switching it on clears the reason.
export function WebhookActiveSwitch({
  id,
  name,
  active,
  disabledReason,
  failingDays,
  readOnly = false,
}: {
  id: string;
  name: string;
  active: boolean;
  disabledReason: string | null;
  failingDays: number;
  // Viewers see the status but cannot switch it.
  readOnly?: boolean;
}) {
  const t = useTranslations("Webhooks");
  const errorId = useId();
  const reasonId = useId();
  const [saved, setSaved] = useState(active);
  const [reason, setReason] = useState(disabledReason);
  const mutation = useMutation({
    mutationFn: async (next: boolean) => {
      const result = await setWebhookActiveAction(id, next);
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
    onSuccess: (webhook) => {
      setSaved(webhook.active);
      setReason(webhook.disabled_reason);
    },
  });
  const checked = mutation.isPending ? (mutation.variables ?? saved) : saved;
  const shownReason = checked ? null : reason;
  const describedBy = [mutation.isError && errorId, shownReason && reasonId].filter(Boolean).join(" ");

  return (
    <div>
      <div className="flex items-center gap-2">
        <Switch
          checked={checked}
          disabled={readOnly || mutation.isPending}
          aria-label={t("activeLabel", { name })}
          aria-busy={mutation.isPending}
          aria-describedby={describedBy || undefined}
          onCheckedChange={(next) => mutation.mutate(next)}
        />
        <span className={checked ? "text-sm text-emerald-700" : "text-sm text-slate-500"}>
          {checked ? t("status.active") : t("status.inactive")}
        </span>
      </div>
      {shownReason ? (
        <DisabledReason
          id={reasonId}
          reason={shownReason}
          failingDays={failingDays}
          className="mt-1.5 max-w-48 min-w-32"
        />
      ) : null}
      {mutation.isError ? (
        <p id={errorId} role="alert" className="mt-1 text-xs text-red-700">
          {t("toggleFailed")}
        </p>
      ) : null}
    </div>
  );
}
