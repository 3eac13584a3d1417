import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { Link } from "@/lib/i18n/navigation";

// The webhook's two views side by side: its delivery log and its health.
export function WebhookTabs({ webhookId, current }: { webhookId: string; current: "deliveries" | "health" }) {
  const t = useTranslations("Health.tabs");
  const tabs = [
    { key: "deliveries", href: `/webhooks/${webhookId}/deliveries` },
    { key: "health", href: `/webhooks/${webhookId}/health` },
  ] as const;
  return (
    <nav aria-label={t("label")} className="border-b border-slate-200">
      <ul className="-mb-px flex gap-4">
        {tabs.map((tab) => (
          <li key={tab.key}>
            <Link
              href={tab.href}
              aria-current={tab.key === current ? "page" : undefined}
              className={cn(
                "inline-block border-b-2 px-1 pb-2 text-sm font-medium",
                tab.key === current
                  ? "border-indigo-600 text-indigo-700"
                  : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
              )}
            >
              {t(tab.key)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
