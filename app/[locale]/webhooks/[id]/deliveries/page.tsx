import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { cache } from "react";
import { DeliveryLog } from "@/components/webhooks/delivery-log";
import { currentAccess } from "@/lib/auth/access";
import { getDb } from "@/lib/db";
import { failingDaysBeforeDisable, listDeliveries } from "@/lib/dispatch/log-queries";
import type { Locale } from "@/lib/i18n/routing";
import { getWebhook } from "@/lib/webhooks/queries";
import { visibleTo } from "@/lib/webhooks/serialize";

type Props = {
  params: Promise<{ locale: string; id: string }>;
  searchParams: Promise<{ before?: string | string[] }>;
};

// One read per request, shared by the metadata and the page.
const loadWebhook = cache(async (id: string) => {
  const access = await currentAccess();
  const webhook = await getWebhook(await getDb(), access.workspaceId, id);
  // Viewers get the payload URL's credentials masked (and the rest of the secrets), on the server.
  return webhook && visibleTo(access.role, webhook);
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, id } = await params;
  await connection();
  const t = await getTranslations({ locale: locale as Locale, namespace: "Deliveries" });
  const webhook = await loadWebhook(id);
  return { title: webhook ? `${webhook.name} · ${t("metaTitle")}` : t("metaTitle") };
}

export default async function DeliveriesPage({ params, searchParams }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale as Locale);
  // Deliveries change by the second: render per request, never at build time.
  await connection();
  const webhook = await loadWebhook(id);
  if (!webhook) notFound();
  const { before } = await searchParams;
  const cursor = typeof before === "string" && before.length > 0 ? before : null;
  const { workspaceId } = await currentAccess();
  const page = await listDeliveries(await getDb(), workspaceId, webhook.id, { before: cursor });
  return (
    <DeliveryLog
      webhook={webhook}
      deliveries={page.deliveries}
      older={page.older}
      paged={cursor !== null}
      failingDays={failingDaysBeforeDisable()}
    />
  );
}
