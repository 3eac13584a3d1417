import { CircleCheck, CircleOff, CircleX } from "lucide-react";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { SpriteIcon } from "@/components/ui/icon-sprite";
import type { HealthState } from "@/lib/health/series";

const STYLES: Record<HealthState, string> = {
  healthy: "bg-emerald-50 text-emerald-800",
  failing: "bg-red-50 text-red-800",
  off: "bg-slate-100 text-slate-700",
};

/**
 * A webhook's state at a glance: healthy, failing for how long, or switched off. `fromSprite`: on the list,
 * whose IconSprite (ROW_ICONS) holds the three icons.
 */
export function HealthBadge({
  state,
  duration,
  fromSprite = false,
}: {
  state: HealthState;
  duration?: string;
  fromSprite?: boolean;
}) {
  const t = useTranslations("Health.badge");
  const Icon = state === "healthy" ? CircleCheck : state === "failing" ? CircleX : CircleOff;
  return (
    <span
      data-testid="health-badge"
      data-state={state}
      className={cn(
        "inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap",
        STYLES[state],
      )}
    >
      {fromSprite ? (
        <SpriteIcon name={state} className="size-3.5 shrink-0" />
      ) : (
        <Icon aria-hidden="true" focusable="false" className="size-3.5 shrink-0" />
      )}
      {state === "failing" ? t("failing", { duration: duration ?? "" }) : t(state)}
    </span>
  );
}
