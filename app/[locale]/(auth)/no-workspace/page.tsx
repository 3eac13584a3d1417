import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { headerAccount } from "@/lib/auth/header";
import { Link, redirect } from "@/lib/i18n/navigation";
import { localeOf } from "@/lib/pages";

export async function generateMetadata({ params }: PageProps<"/[locale]/no-workspace">): Promise<Metadata> {
  const t = await getTranslations({ locale: await localeOf(params), namespace: "Auth.noWorkspace" });
  return { title: t("metaTitle") };
}

// Where a signed-in user without any membership lands (e.g. removed from their only workspace).
export default async function NoWorkspacePage({ params }: PageProps<"/[locale]/no-workspace">) {
  const locale = await localeOf(params);
  const account = await headerAccount();
  if (!account) redirect({ href: "/sign-in", locale });
  else if (account.active) redirect({ href: "/webhooks", locale });
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
