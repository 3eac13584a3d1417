import { TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

type Props = {
  reason: string;
  // After how many days of failures the system switches a webhook off (the configured limit).
  failingDays: number;
  // With the hint on how to bring it back (the editor); the list keeps to the reason.
  withHint?: boolean;
  className?: string;
  id?: string;
};

// Why Hooksmith switched a webhook off by itself, shown beside its status.
export function DisabledReason({ reason, failingDays, withHint = false, className, id }: Props) {
  const t = useTranslations("Webhooks.disabledReason");
  const text =
    reason === "gone" ? t("gone") : reason === "failing" ? t("failing", { days: failingDays }) : t("other");
  return (
    <p id={id} className={cn("flex items-start gap-1.5 text-xs text-amber-800", className)}>
      <TriangleAlert aria-hidden="true" focusable="false" className="mt-px size-3.5 shrink-0" />
      <span>
        {text}
        {withHint ? <span className="text-amber-700">. {t("hint")}</span> : null}
      </span>
    </p>
  );
}
