import { useTranslations } from "next-intl";
import type { FailureReason } from "@/lib/health/series";

const KINDS = ["timeout", "dns", "refused", "tls", "blocked", "invalid", "network"] as const;
type Kind = (typeof KINDS)[number];

/** A failure reason in words: "HTTP 500", "Connection refused", … */
export function useFailureReasonText(): (reason: FailureReason) => string {
  const t = useTranslations("Health.reason");
  return (reason) => {
    if ("status" in reason) return t("status", { status: String(reason.status) });
    return KINDS.includes(reason.kind as Kind) ? t(reason.kind as Kind) : t("other");
  };
}
