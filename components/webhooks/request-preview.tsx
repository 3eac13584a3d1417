"use client";

import { useTranslations } from "next-intl";
import { memo, useDeferredValue, useEffect, useMemo, useState } from "react";
import { useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { buildRequest } from "@/lib/webhooks/build-request";
import { catalogElement, catalogSample } from "@/lib/webhooks/catalog-view";
import type { KeyValueRow, WebhookFormValues } from "@/lib/webhooks/form-values";
import { BodyPreview } from "./body-preview";
import { useCatalog } from "./catalog-context";
import type { EditorControl } from "./editor-types";
import { elementLabels } from "./element-labels";

type PreviewInput = {
  method: WebhookFormValues["method"];
  payloadUrl: string;
  contentType: WebhookFormValues["content_type"];
  header: KeyValueRow[];
  body: KeyValueRow[];
  elementKey: string;
  trigger: string;
};

// Stands in for a missing or unfinished payload URL so the rest of the request can still be shown.
const PLACEHOLDER_URL = "https://receiver.invalid/";

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && /^https?:\/\//i.test(value);
  } catch {
    return false;
  }
}

// Watches only the fields that shape the request; the deferred copy keeps typing responsive while the
// preview catches up.
export function RequestPreview({ control }: { control: EditorControl }) {
  const [method, payloadUrl, contentType, header, body, elementKey, trigger] = useWatch({
    control,
    name: ["method", "payload_url", "content_type", "header", "body", "trigger_element", "trigger"],
  });
  const input = useDeferredValue<PreviewInput>({
    method,
    payloadUrl,
    contentType,
    header,
    body,
    elementKey,
    trigger,
  });
  // Handlebars renders the preview; it loads after the editor is on screen.
  const [build, setBuild] = useState<Build | "loading" | "failed">("loading");
  useEffect(() => {
    let live = true;
    import("@/lib/webhooks/build-request")
      .then((module) => live && setBuild(() => module.buildRequest))
      .catch(() => live && setBuild("failed"));
    return () => {
      live = false;
    };
  }, []);
  return <PreviewCard input={input} build={build} />;
}

type Build = typeof buildRequest;

const PreviewCard = memo(function PreviewCard({
  input,
  build,
}: {
  input: PreviewInput;
  build: Build | "loading" | "failed";
}) {
  const t = useTranslations("WebhookEditor.preview");
  const tRoot = useTranslations();
  const labels = useMemo(() => elementLabels(tRoot), [tRoot]);
  const element = catalogElement(useCatalog(), input.elementKey);
  const urlValid = isHttpUrl(input.payloadUrl.trim());
  // Below the form on narrow screens, where it can be folded away; beside the form (lg up) always open.
  const [open, setOpen] = useState(true);

  const result = useMemo(() => {
    if (!element || typeof build !== "function") return null;
    const sample = catalogSample(element, input.trigger);
    if (!sample) return null;
    const rows = (list: KeyValueRow[]) => list.map((row) => ({ key: row.key ?? "", value: row.value ?? "" }));
    return build(
      {
        method: input.method,
        payload_url: urlValid ? input.payloadUrl.trim() : PLACEHOLDER_URL,
        content_type: input.contentType,
        header: rows(input.header ?? []),
        body: rows(input.body ?? []),
      },
      sample,
    );
  }, [element, input, urlValid, build]);

  const description = element
    ? t("description", {
        element: labels.element(input.elementKey),
        trigger: labels.trigger(input.elementKey, input.trigger),
      })
    : t("noElement");

  return (
    <Card
      title={t("title")}
      description={description}
      headingId="preview-heading"
      bodyId="preview-body"
      bodyClassName={open ? undefined : "max-lg:hidden"}
      actions={
        <Button
          variant="ghost"
          size="sm"
          className="lg:hidden"
          aria-expanded={open}
          aria-controls="preview-body"
          onClick={() => setOpen(!open)}
        >
          {open ? t("hide") : t("show")}
        </Button>
      }
    >
      {build === "loading" ? (
        <p className="text-sm text-slate-500">{t("loading")}</p>
      ) : build === "failed" ? (
        <p className="text-sm text-red-700">{t("loadFailed")}</p>
      ) : !result ? null : !result.ok ? (
        <div className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <p className="font-medium">{t("error")}</p>
          <p className="mt-1 font-mono text-xs break-words">{result.error}</p>
        </div>
      ) : (
        <div className="space-y-4 text-[13px]">
          <div>
            <h3 className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">
              {t("request")}
            </h3>
            <p className="rounded-lg bg-slate-900 dark:bg-slate-50 px-3 py-2.5 font-mono text-xs leading-relaxed text-slate-100 dark:text-slate-900">
              <span className="mr-2 font-semibold text-emerald-300 dark:text-emerald-500">
                {result.request.method}
              </span>
              {urlValid ? (
                <span className="break-all">{result.request.url}</span>
              ) : (
                <>
                  <span className="text-amber-300 italic dark:text-amber-500">{t("noUrl")}</span>
                  <span className="break-all">{result.request.url.slice(PLACEHOLDER_URL.length)}</span>
                </>
              )}
            </p>
          </div>
          <div>
            <h3 className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">
              {t("headers")}
            </h3>
            <dl className="divide-y divide-slate-100 rounded-lg border border-slate-200 font-mono text-xs">
              {result.request.headers.map(([name, value], index) => (
                // Header names may repeat in the request; the position keeps keys unique.
                // biome-ignore lint/suspicious/noArrayIndexKey: the list is rebuilt as a whole on each change
                <div key={index} className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-3 px-3 py-1.5">
                  <dt className="break-all text-slate-500">{name}</dt>
                  <dd className="break-all text-slate-900">{value}</dd>
                </div>
              ))}
            </dl>
            <p className="mt-1.5 text-xs text-slate-500">{t("signatureNote")}</p>
          </div>
          <div>
            <h3
              id="preview-body-heading"
              className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase"
            >
              {t("body")}
            </h3>
            {result.request.body === null ? (
              <p className="rounded-lg border border-dashed border-slate-200 px-3 py-2 text-xs text-slate-500">
                {t("noBody")}
              </p>
            ) : (
              <BodyPreview
                body={result.request.body}
                contentType={input.contentType}
                labelledBy="preview-body-heading"
              />
            )}
          </div>
        </div>
      )}
    </Card>
  );
});
