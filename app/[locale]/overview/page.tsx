import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { WorkspaceOverviewView } from "@/components/webhooks/workspace-overview";
import { failingDaysBeforeDisable } from "@/lib/dispatch/log-queries";
import { workspaceOverview } from "@/lib/health/queries";
import { localeOf, pageAccess } from "@/lib/pages";

export async function generateMetadata({ params }: PageProps<"/[locale]/overview">): Promise<Metadata> {
  const t = await getTranslations({ locale: await localeOf(params), namespace: "Health.overview" });
  return { title: t("metaTitle") };
}

// The landing page after sign-in: the workspace's last 24 hours at a glance.
export default async function OverviewPage() {
  const { access, db } = await pageAccess();
  const now = new Date();
  const overview = await workspaceOverview(db, access.workspaceId, now);
  return (
    <WorkspaceOverviewView
      overview={overview}
      failingDays={failingDaysBeforeDisable()}
      now={now.toISOString()}
    />
  );
}
