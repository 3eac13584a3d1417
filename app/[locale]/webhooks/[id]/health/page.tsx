import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { WebhookHealthView } from "@/components/webhooks/webhook-health";
import { webhookHealthDetail } from "@/lib/health/queries";
import { parseRange } from "@/lib/health/series";
import { localeOf, pageWebhook } from "@/lib/pages";
import { retentionSettings } from "@/lib/retention/run";

type Props = PageProps<"/[locale]/webhooks/[id]/health">;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const t = await getTranslations({ locale: await localeOf(params), namespace: "Health.page" });
  const found = await pageWebhook(id);
  return { title: found ? `${found.webhook.name} · ${t("metaTitle")}` : t("metaTitle") };
}

export default async function WebhookHealthPage({ params, searchParams }: Props) {
  const found = await pageWebhook((await params).id);
  if (!found) notFound();
  const { access, db, webhook } = found;
  const range = parseRange((await searchParams).range);
  const detail = await webhookHealthDetail(db, access.workspaceId, webhook.id, range);
  return (
    <WebhookHealthView
      webhook={{ id: webhook.id, name: webhook.name }}
      detail={detail}
      retentionDays={retentionSettings().days}
    />
  );
}
