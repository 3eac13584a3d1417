"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { ChevronDownIcon, ChevronRightIcon } from "./icons";

// element_data longer than this many lines starts folded, so the webhook's own body fields show first.
const FOLD_LINES = 6;

/**
 * The body as the preview shows it, cut around the value of `element_data` (what Hooksmith always sends)
 * so that part can be folded away: `before` + `elementData` + `after` is the whole text. Null when the
 * value cannot be found (not JSON, or no element_data).
 */
export function splitElementData(
  body: string,
  contentType: string,
): { before: string; elementData: string; after: string } | null {
  if (contentType === "application/json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return null;
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed) || !("element_data" in parsed))
      return null;
    const pretty = JSON.stringify(parsed, null, 2);
    const before = '{\n  "element_data": ';
    const elementData = JSON.stringify(parsed.element_data, null, 2).replace(/\n/g, "\n  ");
    if (!pretty.startsWith(before + elementData)) return null;
    return { before, elementData, after: pretty.slice(before.length + elementData.length) };
  }
  const params = new URLSearchParams(body);
  const value = params.get("element_data");
  if (value === null || !body.startsWith("element_data=")) return null;
  const end = body.indexOf("&");
  const raw = end === -1 ? body : body.slice(0, end);
  return {
    before: "element_data=",
    elementData: raw.slice("element_data=".length),
    after: body.slice(raw.length),
  };
}

const lineCount = (text: string) => text.split("\n").length;

function prettyBody(body: string, contentType: string): string {
  if (contentType !== "application/json") return body;
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

// A scrollable region keyboard users reach (tabIndex 0) and screen readers announce by its heading.
export function BodyPreview({
  body,
  contentType,
  labelledBy,
}: {
  body: string;
  contentType: string;
  labelledBy: string;
}) {
  const t = useTranslations("WebhookEditor.preview");
  const parts = splitElementData(body, contentType);
  const long =
    parts !== null && (lineCount(parts.elementData) > FOLD_LINES || parts.elementData.length > 400);
  const [expanded, setExpanded] = useState(false);
  const folded = long && !expanded;
  return (
    <div className="space-y-1.5">
      {long ? (
        <button
          type="button"
          aria-expanded={expanded}
          onClick={() => setExpanded((value) => !value)}
          className="inline-flex items-center gap-1 rounded text-xs font-medium text-indigo-700 hover:text-indigo-600 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500"
        >
          {expanded ? <ChevronDownIcon /> : <ChevronRightIcon />}
          {t("elementData", { lines: String(lineCount(parts.elementData)) })}
        </button>
      ) : null}
      <section
        aria-labelledby={labelledBy}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
        tabIndex={0}
        data-testid="preview-body"
        className="max-h-[28rem] overflow-auto rounded-lg bg-slate-50 px-3 py-2.5 ring-1 ring-slate-200 focus-visible:outline-2 focus-visible:outline-indigo-500"
      >
        <pre className="font-mono text-xs leading-relaxed [overflow-wrap:anywhere] whitespace-pre-wrap text-slate-800">
          {parts && folded ? (
            <>
              {parts.before}
              <span className="rounded bg-slate-200 px-1 text-slate-600">
                {contentType === "application/json" ? "{ … }" : "…"}
              </span>
              {parts.after}
            </>
          ) : (
            prettyBody(body, contentType)
          )}
        </pre>
      </section>
    </div>
  );
}
