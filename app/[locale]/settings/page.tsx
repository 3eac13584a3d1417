import { redirect } from "@/lib/i18n/navigation";
import { localeOf } from "@/lib/pages";

export default async function SettingsPage({ params }: PageProps<"/[locale]/settings">) {
  redirect({ href: "/settings/general", locale: await localeOf(params) });
}
