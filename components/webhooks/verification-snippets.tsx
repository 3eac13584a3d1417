"use client";

import * as Tabs from "@radix-ui/react-tabs";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { SNIPPET_LANGUAGES, verificationSnippet } from "@/lib/webhooks/verification-snippets";

// How a receiver verifies our signature: one tab per language with its Standard Webhooks library, and the
// raw recipe for the others. Loaded on demand by the signing-secret card (next/dynamic), so the snippets'
// text is not part of the editor's first load.
export function VerificationSnippets() {
  const t = useTranslations("WebhookEditor.snippets");
  return (
    <section aria-labelledby="verify-title" className="mt-6 border-t border-slate-100 pt-5">
      <h3 id="verify-title" className="text-sm font-semibold text-slate-900">
        {t("title")}
      </h3>
      <p className="mt-1 text-sm text-slate-600">{t.rich("intro", { code })}</p>
      <Tabs.Root defaultValue="node" className="mt-3">
        <Tabs.List aria-label={t("tabsLabel")} className="flex flex-wrap gap-1 border-b border-slate-200">
          {SNIPPET_LANGUAGES.map((language) => (
            <Tabs.Trigger
              key={language}
              value={language}
              className="-mb-px rounded-t-md border-b-2 border-transparent px-3 py-1.5 text-sm font-medium text-slate-600 hover:text-slate-900 data-[state=active]:border-indigo-600 data-[state=active]:text-indigo-700"
            >
              {t(`tabs.${language}`)}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        {SNIPPET_LANGUAGES.map((language) => (
          <Tabs.Content key={language} value={language} className="pt-3 outline-none">
            <p className="mb-2 text-sm text-slate-600">{t.rich(`explain.${language}`, { code })}</p>
            <div className="relative">
              {/* Scrolls when long: a focusable, named region, so keyboard users can scroll it too. */}
              <section
                // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
                tabIndex={0}
                aria-label={t(`tabs.${language}`)}
                className="max-h-96 overflow-auto rounded-lg bg-slate-900 dark:bg-slate-50"
              >
                <pre
                  data-testid={`snippet-${language}`}
                  className="px-3 py-2.5 font-mono text-xs leading-relaxed text-slate-100 dark:text-slate-900"
                >
                  {verificationSnippet(language)}
                </pre>
              </section>
              <div className="absolute top-2 right-2">
                <CopyButton value={verificationSnippet(language)} copy={t("copy")} copied={t("copied")} />
              </div>
            </div>
          </Tabs.Content>
        ))}
      </Tabs.Root>
      <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-600">
        <li>{t.rich("rawBody", { code })}</li>
        <li>{t.rich("get", { code })}</li>
        <li>{t("rotation")}</li>
      </ul>
    </section>
  );
}

function code(chunks: ReactNode) {
  return (
    <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] text-slate-700">{chunks}</code>
  );
}
