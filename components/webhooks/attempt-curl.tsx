"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { CurlButton } from "@/components/requests/copy-curl-button";
import { Switch } from "@/components/ui/switch";
import { attemptRequestAction } from "@/lib/actions/deliveries";
import { toCurl } from "@/lib/http/curl";

// "Copy as cURL" for one attempt: the request is loaded whole when pressed (the log shows only the
// beginning of long bodies); editors and owners may ask for the webhook's secret header values.
export function AttemptCurl({
  webhookId,
  deliveryId,
  attemptId,
  canReveal,
  label,
}: {
  webhookId: string;
  deliveryId: string;
  attemptId: string;
  canReveal: boolean;
  label: string;
}) {
  const t = useTranslations("Curl");
  const switchId = useId();
  const [reveal, setReveal] = useState(false);
  return (
    <span className="flex flex-wrap items-center gap-3">
      {canReveal ? (
        <span className="flex items-center gap-2 text-xs text-slate-600">
          <Switch id={switchId} checked={reveal} onCheckedChange={setReveal} />
          <label htmlFor={switchId}>{t("reveal")}</label>
        </span>
      ) : null}
      <CurlButton
        label={label}
        command={async () => {
          const result = await attemptRequestAction(webhookId, deliveryId, attemptId, reveal && canReveal);
          if (!result.ok) throw new Error(result.error);
          return toCurl(result.data);
        }}
      />
    </span>
  );
}
