import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { EditorHeader } from "@/components/webhooks/editor-header";
import { SigningSecretNote } from "@/components/webhooks/signing-secret-note";
import { WebhookEditor } from "@/components/webhooks/webhook-editor";
import { currentAccess } from "@/lib/auth/access";
import { elements } from "@/lib/elements";
import type { Locale } from "@/lib/i18n/routing";
import { editorCatalog } from "@/lib/webhooks/editor-catalog";
import { newWebhookForm } from "@/lib/webhooks/form-values";
import { roleAllows } from "@/lib/workspaces/roles";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale as Locale, namespace: "WebhookEditor" });
  return { title: t("titleNew") };
}

export default async function NewWebhookPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale as Locale);
  // Signed in, in a workspace (otherwise this redirects), and allowed to create: viewers are not.
  const access = await currentAccess();
  if (!roleAllows(access.role, "editor")) notFound();
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
