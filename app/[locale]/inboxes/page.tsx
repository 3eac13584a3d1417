import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { InboxList } from "@/components/inboxes/inbox-list";
import { creatorEmails, listInboxes } from "@/lib/inbox/inboxes";
import { MAX_INBOXES_PER_WORKSPACE } from "@/lib/inbox/schema";
import { localeOf, pageAccess } from "@/lib/pages";
import { roleAllows } from "@/lib/workspaces/roles";

export async function generateMetadata({ params }: PageProps<"/[locale]/inboxes">): Promise<Metadata> {
  const t = await getTranslations({ locale: await localeOf(params), namespace: "Inboxes" });
  return { title: t("metaTitle") };
}

export default async function InboxesPage() {
  const { access, db } = await pageAccess();
  const inboxes = await listInboxes(db, access.workspaceId);
  const emails = await creatorEmails(db, inboxes);
  return (
    <InboxList
      inboxes={inboxes.map((inbox) => ({
        id: inbox.id,
        name: inbox.name,
        createdBy: inbox.created_by ? (emails.get(inbox.created_by) ?? null) : null,
        createdAt: inbox.created_at.toISOString(),
        expiresAt: inbox.expires_at?.toISOString() ?? null,
        pinned: inbox.pinned,
      }))}
      limit={MAX_INBOXES_PER_WORKSPACE}
      canEdit={roleAllows(access.role, "editor")}
    />
  );
}
