import { useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";

export default function NotFound() {
  const t = useTranslations("NotFound");
  return (
    <section className="mx-auto max-w-lg py-16 text-center">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-2 text-slate-600">{t("description")}</p>
      <Link href="/webhooks" className="mt-6 inline-block font-medium text-indigo-700 hover:underline">
        {t("back")}
      </Link>
    </section>
  );
}
