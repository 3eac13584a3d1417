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

// `?payload_url=` (and `?name=`) pre-fill the form, e.g. from a request inbox's "Create a webhook for
// this inbox"; nothing is stored until the user saves, and the schema checks the values then as ever.
function prefill(value: string | string[] | undefined, max: number): string | null {
  return typeof value === "string" && value.length <= max ? value : null;
}

export default async function NewWebhookPage({ searchParams }: PageProps<"/[locale]/webhooks/new">) {
  // Signed in, in a workspace (otherwise this redirects), and allowed to create: viewers are not.
  await pageAccess("editor");
  const query = await searchParams;
  const initialValues = newWebhookForm(elements[0]);
  initialValues.payload_url = prefill(query.payload_url, 2048) ?? "";
  initialValues.name = prefill(query.name, 100) ?? "";
  return (
    <>
      <EditorHeader mode="new" />
      <WebhookEditor webhookId={null} initialValues={initialValues} catalog={editorCatalog()} />
      <div className="mt-6 grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,25rem)]">
        <SigningSecretNote />
      </div>
    </>
  );
}
