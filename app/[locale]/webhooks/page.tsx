import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { DisabledNoticeBanner } from "@/components/webhooks/disabled-notice";
import { WebhookList } from "@/components/webhooks/webhook-list";
import { failingDaysBeforeDisable } from "@/lib/dispatch/log-queries";
import { listWebhookHealth } from "@/lib/health/queries";
import { cursorParam } from "@/lib/keyset";
import { localeOf, pageAccess } from "@/lib/pages";
import { disabledNotices } from "@/lib/webhooks/notices";
import { listWebhookPage } from "@/lib/webhooks/queries";
import { visibleTo } from "@/lib/webhooks/serialize";
import { roleAllows } from "@/lib/workspaces/roles";

export async function generateMetadata({ params }: PageProps<"/[locale]/webhooks">): Promise<Metadata> {
  const t = await getTranslations({ locale: await localeOf(params), namespace: "Webhooks" });
  return { title: t("metaTitle") };
}

export default async function WebhooksPage({ searchParams }: PageProps<"/[locale]/webhooks">) {
  const { access, db } = await pageAccess();
  const cursor = cursorParam((await searchParams).before);
  const now = new Date();
  const page = await listWebhookPage(db, access.workspaceId, { before: cursor });
  const ids = page.rows.map((webhook) => webhook.id);
  const health = await listWebhookHealth(db, access.workspaceId, now, ids);
  // Masked for viewers here, on the server: the list's rows reach the browser whole.
  const webhooks = page.rows.map((webhook) => visibleTo(access.role, webhook));
  // Only owners get the notice of webhooks Hooksmith switched off (they acknowledge it for the workspace).
  const notices = access.role === "owner" ? await disabledNotices(db, access.workspaceId) : [];
  return (
    <div className="space-y-6">
      <DisabledNoticeBanner notices={notices} failingDays={failingDaysBeforeDisable()} />
      <WebhookList
        webhooks={webhooks}
        older={page.older}
        paged={cursor !== null}
        failingDays={failingDaysBeforeDisable()}
        canEdit={roleAllows(access.role, "editor")}
        health={health}
        now={now.toISOString()}
      />
    </div>
  );
}
