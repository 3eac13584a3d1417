import type { Metadata } from "next";
import { connection } from "next/server";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { WorkspaceCreateForm } from "@/components/auth/workspace-create-form";
import { Card } from "@/components/ui/card";
import { headerAccount } from "@/lib/auth/header";
import { redirect } from "@/lib/i18n/navigation";
import type { Locale } from "@/lib/i18n/routing";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale as Locale, namespace: "Workspaces.new" });
  return { title: t("metaTitle") };
}

// Any signed-in user may start a workspace, also one who belongs to none (yet, or any more).
export default async function NewWorkspacePage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale as Locale);
  await connection();
  const account = await headerAccount();
  if (!account) return redirect({ href: "/sign-in", locale: locale as Locale });
  const t = await getTranslations("Workspaces.new");
  return (
    <div className="mx-auto max-w-md pt-8">
      <Card
        title={<span className="text-xl">{t("title")}</span>}
        description={t("intro")}
        headingId="new-workspace-title"
      >
        <WorkspaceCreateForm cancelHref={account.active ? "/webhooks" : "/no-workspace"} />
      </Card>
    </div>
  );
}
