import { hasLocale } from "next-intl";
import { redirect } from "@/lib/i18n/navigation";
import { routing } from "@/lib/i18n/routing";

export default async function Home({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  redirect({
    href: "/webhooks",
    locale: hasLocale(routing.locales, locale) ? locale : routing.defaultLocale,
  });
}
