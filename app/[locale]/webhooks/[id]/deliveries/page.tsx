import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { QueryProvider } from "@/components/layout/query-provider";
import { DeliveryLog } from "@/components/webhooks/delivery-log";
import { failingDaysBeforeDisable, listDeliveries } from "@/lib/dispatch/log-queries";
import { cursorParam } from "@/lib/keyset";
import { localeOf, pageWebhook } from "@/lib/pages";
import { roleAllows } from "@/lib/workspaces/roles";

type Props = PageProps<"/[locale]/webhooks/[id]/deliveries">;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const t = await getTranslations({ locale: await localeOf(params), namespace: "Deliveries" });
  const found = await pageWebhook(id);
  return { title: found ? `${found.webhook.name} · ${t("metaTitle")}` : t("metaTitle") };
}

export default async function DeliveriesPage({ params, searchParams }: Props) {
  const found = await pageWebhook((await params).id);
  if (!found) notFound();
  const { access, db, webhook } = found;
  const { before, show } = await searchParams;
  const cursor = cursorParam(before);
  const filter = show === "tests" || show === "real" ? show : "all";
  const page = await listDeliveries(db, access.workspaceId, webhook.id, { before: cursor, filter });
  // TanStack Query reads each opened delivery's attempts; only this page needs its provider.
  return (
    <QueryProvider>
      <DeliveryLog
        webhook={webhook}
        deliveries={page.deliveries}
        older={page.older}
        paged={cursor !== null}
        failingDays={failingDaysBeforeDisable()}
        filter={filter}
        canReveal={roleAllows(access.role, "editor")}
      />
    </QueryProvider>
  );
}
