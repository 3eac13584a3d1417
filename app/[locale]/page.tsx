import { redirect } from "@/lib/i18n/navigation";
import { localeOf } from "@/lib/pages";

export default async function Home({ params }: PageProps<"/[locale]">) {
  redirect({ href: "/overview", locale: await localeOf(params) });
}
