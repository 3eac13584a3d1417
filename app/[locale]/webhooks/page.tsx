import type { Metadata } from "next";
import { connection } from "next/server";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { QueryProvider } from "@/components/layout/query-provider";
import { WebhookList } from "@/components/webhooks/webhook-list";
import { currentAccess } from "@/lib/auth/access";
import { getDb } from "@/lib/db";
import { failingDaysBeforeDisable } from "@/lib/dispatch/log-queries";
import type { Locale } from "@/lib/i18n/routing";
import { listWebhooks } from "@/lib/webhooks/queries";
import { visibleTo } from "@/lib/webhooks/serialize";
import { roleAllows } from "@/lib/workspaces/roles";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale as Locale, namespace: "Webhooks" });
  return { title: t("metaTitle") };
}

export default async function WebhooksPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale as Locale);
  // Rows change with every save: render per request, never at build time.
  await connection();
  const access = await currentAccess();
  // Masked for viewers here, on the server: the list's rows reach the browser whole.
  const webhooks = (await listWebhooks(await getDb(), access.workspaceId)).map((webhook) =>
    visibleTo(access.role, webhook),
  );
  // Only the list's switches and delete buttons use TanStack Query, so its provider lives here, not in
  // the layout: the editor's first load stays without it.
  return (
    <QueryProvider>
      <WebhookList
        webhooks={webhooks}
        failingDays={failingDaysBeforeDisable()}
        canEdit={roleAllows(access.role, "editor")}
      />
    </QueryProvider>
  );
}
