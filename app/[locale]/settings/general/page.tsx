import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SettingsSection } from "@/components/settings/settings-section";
import { WorkspaceNameForm } from "@/components/settings/workspace-name-form";
import { currentAccess } from "@/lib/auth/access";
import { getDb } from "@/lib/db";
import { roleAllows } from "@/lib/workspaces/roles";
import { getWorkspace } from "@/lib/workspaces/workspaces";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Settings.nav");
  return { title: t("general") };
}

export default async function GeneralSettingsPage() {
  const access = await currentAccess();
  if (!roleAllows(access.role, "owner")) notFound();
  const workspace = await getWorkspace(await getDb(), access.workspaceId);
  if (!workspace) notFound();
  const t = await getTranslations("Settings.general");
  return (
    <SettingsSection id="general" title={t("title")} description={t("description")}>
      <WorkspaceNameForm workspaceId={workspace.id} name={workspace.name} />
    </SettingsSection>
  );
}
