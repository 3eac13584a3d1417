"use client";

import { Check, Terminal } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { toCurl } from "@/lib/http/curl";
import { isSecretHeader, maskValue } from "@/lib/http/secret-headers";

export type CopyCurlProps = {
  method: string;
  url: string;
  headers: readonly (readonly [string, string])[];
  /** The body as sent: text, bytes, or null for none. */
  body: string | Uint8Array | null;
  /** Further header names (any case) whose values are secrets, e.g. a webhook's own custom headers. */
  secretHeaders?: readonly string[];
  /** Copy secret header values in the clear: only for owners and editors who asked to see them. */
  reveal?: boolean;
  /** Names the request for screen readers when a page lists several ("Copy as cURL (attempt 2)"; the visible text first, as axe asks). */
  label?: string;
};

const MASK = "••••";

/**
 * "Copy as cURL": the request as a POSIX shell command (lib/http/curl.ts), secret header values masked
 * unless `reveal`. For the delivery log, inbox requests and test results alike.
 */
export function CopyCurlButton({
  method,
  url,
  headers,
  body,
  secretHeaders = [],
  reveal = false,
  label,
}: CopyCurlProps) {
  return (
    <CurlButton
      label={label}
      command={() => {
        const names = new Set(secretHeaders.map((name) => name.toLowerCase()));
        const shown = headers.map(([name, value]): [string, string] => [
          name,
          // A value masked already (the delivery log keeps them so) stays as it is.
          reveal || value.includes(MASK) || !isSecretHeader(name, names) ? value : maskValue(value),
        ]);
        return toCurl({ method, url, headers: shown, body });
      }}
    />
  );
}

/** The button itself: `command` builds the text (or loads what it needs first) when it is pressed. */
export function CurlButton({ command, label }: { command: () => string | Promise<string>; label?: string }) {
  const t = useTranslations("Curl");
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state !== "copied") return;
    const timer = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(await command());
      setState("copied");
    } catch {
      setState("failed");
    }
  }

  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="secondary" size="sm" onClick={copy} aria-label={label}>
        {state === "copied" ? (
          <Check aria-hidden="true" className="size-4" />
        ) : (
          <Terminal aria-hidden="true" className="size-4" />
        )}
        <span>{state === "copied" ? t("copied") : t("copy")}</span>
      </Button>
      <span aria-live="polite" className="text-xs text-red-700 empty:hidden">
        {state === "failed" ? t("failed") : null}
      </span>
    </span>
  );
}
