import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { cache } from "react";
import { EditorHeader } from "@/components/webhooks/editor-header";
import { SigningSecret } from "@/components/webhooks/signing-secret";
import { WebhookEditor } from "@/components/webhooks/webhook-editor";
import { currentAccess } from "@/lib/auth/access";
import { getDb } from "@/lib/db";
import { failingDaysBeforeDisable } from "@/lib/dispatch/log-queries";
import type { Locale } from "@/lib/i18n/routing";
import { editorCatalog } from "@/lib/webhooks/editor-catalog";
import { toFormValues } from "@/lib/webhooks/form-values";
import { getWebhook } from "@/lib/webhooks/queries";
import { secretOverlapMs } from "@/lib/webhooks/secret";
import { seesSecrets, visibleTo } from "@/lib/webhooks/serialize";
import { roleAllows } from "@/lib/workspaces/roles";

type Props = { params: Promise<{ locale: string; id: string }> };

// One read per request, shared by the metadata and the page.
const HOUR_MS = 60 * 60 * 1000;

// Viewers get header values and the signing secret masked here, on the server: never in their browser.
const loadWebhook = cache(async (id: string) => {
  const access = await currentAccess();
  const webhook = await getWebhook(await getDb(), access.workspaceId, id);
  if (!webhook) return null;
  return {
    ...visibleTo(access.role, webhook),
    seesSecrets: seesSecrets(access.role),
    canEdit: roleAllows(access.role, "editor"),
  };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, id } = await params;
  await connection();
  const t = await getTranslations({ locale: locale as Locale, namespace: "WebhookEditor" });
  const webhook = await loadWebhook(id);
  return { title: webhook ? `${webhook.name} · ${t("titleEdit")}` : t("titleEdit") };
}

export default async function EditWebhookPage({ params }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale as Locale);
  await connection();
  const webhook = await loadWebhook(id);
  if (!webhook) notFound();
  return (
    <>
      <EditorHeader mode="edit" name={webhook.name} id={webhook.id} />
      <WebhookEditor
        key={webhook.id}
        webhookId={webhook.id}
        initialValues={toFormValues(webhook)}
        catalog={editorCatalog()}
        readOnly={!webhook.canEdit}
        systemDisabled={
          webhook.disabled_reason
            ? { reason: webhook.disabled_reason, failingDays: failingDaysBeforeDisable() }
            : null
        }
      />
      {/* Outside the form: the secret is not saved with it, a rotation takes effect at once. */}
      <div className="mt-6 grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,25rem)]">
        <SigningSecret
          key={webhook.secret}
          webhookId={webhook.id}
          secret={webhook.seesSecrets ? webhook.secret : null}
          overlapHours={Math.max(1, Math.round(secretOverlapMs() / HOUR_MS))}
        />
      </div>
    </>
  );
}
