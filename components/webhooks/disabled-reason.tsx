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
      <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mt-px size-3.5 shrink-0">
        <path
          fillRule="evenodd"
          d="M8.485 2.495c.673-1.167 2.357-1.167 3.03 0l6.28 10.875c.673 1.167-.17 2.625-1.516 2.625H3.72c-1.347 0-2.189-1.458-1.515-2.625L8.485 2.495ZM10 5a.75.75 0 0 1 .75.75v3.5a.75.75 0 0 1-1.5 0v-3.5A.75.75 0 0 1 10 5Zm0 9a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
          clipRule="evenodd"
        />
      </svg>
      <span>
        {text}
        {withHint ? <span className="text-amber-700">. {t("hint")}</span> : null}
      </span>
    </p>
  );
}
