import { useTranslations } from "next-intl";
import { BackLink } from "@/components/ui/back-link";
import { buttonClasses } from "@/components/ui/button";
import { Link } from "@/lib/i18n/navigation";
import { LogIcon } from "./icons";

export function EditorHeader({ mode, name, id }: { mode: "new" | "edit"; name?: string; id?: string }) {
  const t = useTranslations("WebhookEditor");
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div className="min-w-0">
        <BackLink href="/webhooks">{t("back")}</BackLink>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight break-words text-slate-900">
          {mode === "new" ? t("titleNew") : t("titleEdit")}
          {name ? <span className="font-normal text-slate-500"> · {name}</span> : null}
        </h1>
        <p className="mt-1 max-w-2xl text-sm text-slate-600">
          {mode === "new" ? t("introNew") : t("introEdit")}
        </p>
      </div>
      {mode === "edit" && id ? (
        <Link href={`/webhooks/${id}/deliveries`} className={buttonClasses("secondary")}>
          <LogIcon />
          {t("deliveries")}
        </Link>
      ) : null}
    </div>
  );
}
