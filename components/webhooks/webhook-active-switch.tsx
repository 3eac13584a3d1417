"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { Switch } from "@/components/ui/switch";
import { setWebhookActiveAction } from "@/lib/actions/webhooks";
import { DisabledReason } from "./disabled-reason";

// Saves at once. While the request runs the switch shows the new state (`requested`) and is
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
  const tt = useTranslations("Toasts");
  const errorId = useId();
  const reasonId = useId();
  const [saved, setSaved] = useState(active);
  const [reason, setReason] = useState(disabledReason);
  const [requested, setRequested] = useState(active);
  const { pending, error, run } = useServerAction();
  const toggle = (next: boolean) => {
    setRequested(next);
    run(() => setWebhookActiveAction(id, next), {
      refusal: () => t("toggleFailed"),
      failed: t("toggleFailed"),
      toast: (webhook) => ((webhook?.active ?? next) ? tt("webhookOn") : tt("webhookOff")),
      onSuccess: (webhook) => {
        if (!webhook) return;
        setSaved(webhook.active);
        setReason(webhook.disabled_reason);
      },
      // The list's data is this switch's own state: nothing to fetch again.
      refresh: "never",
    });
  };
  const checked = pending ? requested : saved;
  const shownReason = checked ? null : reason;
  const describedBy = [error && errorId, shownReason && reasonId].filter(Boolean).join(" ");

  return (
    <div>
      <div className="flex items-center gap-2">
        <Switch
          checked={checked}
          disabled={readOnly || pending}
          aria-label={t("activeLabel", { name })}
          aria-busy={pending}
          aria-describedby={describedBy || undefined}
          onCheckedChange={toggle}
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
      {error ? (
        <p id={errorId} role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
