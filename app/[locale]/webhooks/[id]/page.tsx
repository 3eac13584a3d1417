import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EditorHeader } from "@/components/webhooks/editor-header";
import { SigningSecret } from "@/components/webhooks/signing-secret";
import { WebhookEditor } from "@/components/webhooks/webhook-editor";
import { failingDaysBeforeDisable } from "@/lib/dispatch/log-queries";
import { localeOf, pageWebhook } from "@/lib/pages";
import { editorCatalog } from "@/lib/webhooks/editor-catalog";
import { toFormValues } from "@/lib/webhooks/form-values";
import { secretOverlapMs } from "@/lib/webhooks/secret";
import { seesSecrets } from "@/lib/webhooks/serialize";
import { roleAllows } from "@/lib/workspaces/roles";

const HOUR_MS = 60 * 60 * 1000;

export async function generateMetadata({ params }: PageProps<"/[locale]/webhooks/[id]">): Promise<Metadata> {
  const { id } = await params;
  const t = await getTranslations({ locale: await localeOf(params), namespace: "WebhookEditor" });
  const found = await pageWebhook(id);
  return { title: found ? `${found.webhook.name} · ${t("titleEdit")}` : t("titleEdit") };
}

export default async function EditWebhookPage({ params }: PageProps<"/[locale]/webhooks/[id]">) {
  const found = await pageWebhook((await params).id);
  if (!found) notFound();
  const { access, webhook } = found;
  return (
    <>
      <EditorHeader mode="edit" name={webhook.name} id={webhook.id} />
      <WebhookEditor
        key={webhook.id}
        webhookId={webhook.id}
        initialValues={toFormValues(webhook)}
        catalog={editorCatalog()}
        readOnly={!roleAllows(access.role, "editor")}
        systemDisabled={
          webhook.disabled_reason
            ? { reason: webhook.disabled_reason, failingDays: failingDaysBeforeDisable() }
            : null
        }
      />
      {/* Outside the form: the secret is not saved with it, a rotation takes effect at once. */}
      <div className="mt-6 grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,25rem)]">
        <SigningSecret
          key={webhook.secret}
          webhookId={webhook.id}
          secret={seesSecrets(access.role) ? webhook.secret : null}
          overlapHours={Math.max(1, Math.round(secretOverlapMs() / HOUR_MS))}
        />
      </div>
    </>
  );
}
