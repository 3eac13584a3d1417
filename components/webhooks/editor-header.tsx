import { useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";

export function EditorHeader({ mode, name }: { mode: "new" | "edit"; name?: string }) {
  const t = useTranslations("WebhookEditor");
  return (
    <div className="mb-6">
      <Link
        href="/webhooks"
        className="inline-flex items-center gap-1 text-sm font-medium text-slate-500 hover:text-indigo-700"
      >
        <span aria-hidden="true">←</span>
        {t("back")}
      </Link>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">
        {mode === "new" ? t("titleNew") : t("titleEdit")}
        {name ? <span className="font-normal text-slate-500"> · {name}</span> : null}
      </h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        {mode === "new" ? t("introNew") : t("introEdit")}
      </p>
    </div>
  );
}
