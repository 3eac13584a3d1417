import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EditorHeader } from "@/components/webhooks/editor-header";
import { SigningSecretNote } from "@/components/webhooks/signing-secret-note";
import { WebhookEditor } from "@/components/webhooks/webhook-editor";
import { elements } from "@/lib/elements";
import { localeOf, pageAccess } from "@/lib/pages";
import { editorCatalog } from "@/lib/webhooks/editor-catalog";
import { newWebhookForm } from "@/lib/webhooks/form-values";

export async function generateMetadata({ params }: PageProps<"/[locale]/webhooks/new">): Promise<Metadata> {
  const t = await getTranslations({ locale: await localeOf(params), namespace: "WebhookEditor" });
  return { title: t("titleNew") };
}

export default async function NewWebhookPage() {
  // Signed in, in a workspace (otherwise this redirects), and allowed to create: viewers are not.
  await pageAccess("editor");
  return (
    <>
      <EditorHeader mode="new" />
      <WebhookEditor webhookId={null} initialValues={newWebhookForm(elements[0])} catalog={editorCatalog()} />
      <div className="mt-6 grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,25rem)]">
        <SigningSecretNote />
      </div>
    </>
  );
}
