import type { Metadata } from "next";
import { connection } from "next/server";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { headerAccount } from "@/lib/auth/header";
import { Link, redirect } from "@/lib/i18n/navigation";
import type { Locale } from "@/lib/i18n/routing";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale as Locale, namespace: "Auth.noWorkspace" });
  return { title: t("metaTitle") };
}

// Where a signed-in user without any membership lands (e.g. removed from their only workspace).
export default async function NoWorkspacePage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale as Locale);
  await connection();
  const account = await headerAccount();
  if (!account) redirect({ href: "/sign-in", locale: locale as Locale });
  else if (account.active) redirect({ href: "/webhooks", locale: locale as Locale });
  const t = await getTranslations("Auth.noWorkspace");
  return (
    <Card title={<span className="text-xl">{t("title")}</span>} headingId="no-workspace-title">
      <p className="mb-4 text-sm text-slate-700">{t("body", { email: account?.email ?? "" })}</p>
      <div className="flex items-center gap-3">
        <Link href="/workspaces/new" className={buttonClasses("primary")}>
          {t("create")}
        </Link>
        <SignOutButton />
      </div>
    </Card>
  );
}
