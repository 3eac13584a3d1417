import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SettingsSection } from "@/components/settings/settings-section";
import { WorkspaceNameForm } from "@/components/settings/workspace-name-form";
import { pageAccess } from "@/lib/pages";
import { getWorkspace } from "@/lib/workspaces/workspaces";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Settings.nav");
  return { title: t("general") };
}

export default async function GeneralSettingsPage() {
  const { access, db } = await pageAccess("owner");
  const workspace = await getWorkspace(db, access.workspaceId);
  if (!workspace) notFound();
  const t = await getTranslations("Settings.general");
  return (
    <SettingsSection id="general" title={t("title")} description={t("description")}>
      <WorkspaceNameForm workspaceId={workspace.id} name={workspace.name} />
    </SettingsSection>
  );
}
