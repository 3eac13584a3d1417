"use client";

import { useTranslations } from "next-intl";
import { Controller } from "react-hook-form";
import { describedBy, Field } from "@/components/ui/field";
import { Switch } from "@/components/ui/switch";
import { DisabledReason } from "./disabled-reason";
import type { EditorControl } from "./editor-types";

// The editor's ids ("webhook-name", "webhook-header-0-key"): labels, errors and the tests find fields by them.
export const fieldId = (name: string) => `webhook-${name.replaceAll(".", "-")}`;

export type SystemDisabled = { reason: string; failingDays: number };

// `systemDisabled`: the system switched the webhook off; the reason shows while the switch stays off, and
// saving it switched on clears it.
export function StatusField({
  control,
  systemDisabled,
}: {
  control: EditorControl;
  systemDisabled?: SystemDisabled | null;
}) {
  const t = useTranslations("WebhookEditor.fields");
  const id = fieldId("active");
  const reasonId = `${id}-reason`;
  return (
    <Field id={id} label={t("status")} hint={t("statusHint")}>
      <Controller
        control={control}
        name="active"
        render={({ field }) => {
          const reason = field.value ? null : systemDisabled;
          return (
            <>
              <div className="flex h-10 items-center gap-3">
                <Switch
                  id={id}
                  ref={field.ref}
                  checked={field.value}
                  onCheckedChange={field.onChange}
                  onBlur={field.onBlur}
                  aria-describedby={[reason && reasonId, describedBy(id, { hint: true })]
                    .filter(Boolean)
                    .join(" ")}
                />
                <span
                  className={field.value ? "text-sm font-medium text-emerald-700" : "text-sm text-slate-500"}
                >
                  {field.value ? t("active") : t("inactive")}
                </span>
              </div>
              {reason ? (
                <DisabledReason
                  id={reasonId}
                  reason={reason.reason}
                  failingDays={reason.failingDays}
                  withHint
                  className="mt-1 rounded-md bg-amber-50 px-2.5 py-2 ring-1 ring-amber-200"
                />
              ) : null}
            </>
          );
        }}
      />
    </Field>
  );
}
