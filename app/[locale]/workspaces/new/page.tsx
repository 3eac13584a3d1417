import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { WorkspaceCreateForm } from "@/components/auth/workspace-create-form";
import { Card } from "@/components/ui/card";
import { headerAccount } from "@/lib/auth/header";
import { redirect } from "@/lib/i18n/navigation";
import { localeOf } from "@/lib/pages";

export async function generateMetadata({ params }: PageProps<"/[locale]/workspaces/new">): Promise<Metadata> {
  const t = await getTranslations({ locale: await localeOf(params), namespace: "Workspaces.new" });
  return { title: t("metaTitle") };
}

// Any signed-in user may start a workspace, also one who belongs to none (yet, or any more).
export default async function NewWorkspacePage({ params }: PageProps<"/[locale]/workspaces/new">) {
  const locale = await localeOf(params);
  const account = await headerAccount();
  if (!account) return redirect({ href: "/sign-in", locale });
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
