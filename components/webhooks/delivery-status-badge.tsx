import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { DeliveryStatus } from "@/lib/dispatch/rows";

const styles: Record<DeliveryStatus, { badge: string; dot: string }> = {
  pending: { badge: "bg-amber-50 text-amber-800 ring-amber-200", dot: "bg-amber-500 animate-pulse" },
  succeeded: { badge: "bg-emerald-50 text-emerald-800 ring-emerald-200", dot: "bg-emerald-500" },
  failed: { badge: "bg-red-50 text-red-800 ring-red-200", dot: "bg-red-500" },
  cancelled: { badge: "bg-slate-100 text-slate-700 ring-slate-300", dot: "bg-slate-400" },
};

export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  const t = useTranslations("Deliveries.status");
  const style = styles[status];
  return (
    <span
      className={cn(
        "inline-flex shrink-0 items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        style.badge,
      )}
    >
      <span aria-hidden="true" className={cn("size-1.5 rounded-full", style.dot)} />
      {t(status)}
    </span>
  );
}
