"use client";

import dynamic from "next/dynamic";
import { useFormatter, useTranslations } from "next-intl";
import { type ReactNode, useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import type { RotatedSecret } from "@/lib/actions/webhooks";
import { CheckIcon, CopyIcon, EyeIcon, EyeSlashIcon, RotateIcon } from "./icons";

const MASK = `whsec_${"•".repeat(32)}`;

function RotateButtonPlaceholder() {
  const t = useTranslations("WebhookEditor.secret");
  return (
    <Button variant="secondary" disabled>
      <RotateIcon />
      {t("rotate")}
    </Button>
  );
}

// The confirmation dialog (Radix AlertDialog) stays out of the editor's first load; until it is there,
// the same button stands in, disabled.
const RotateSecretDialog = dynamic(
  () => import("./rotate-secret-dialog").then((module) => module.RotateSecretDialog),
  { ssr: false, loading: RotateButtonPlaceholder },
);

// `secret` is null for someone who may not see it (a viewer): the server never sent it.
type Props = { webhookId: string; secret: string | null; overlapHours: number };

// The webhook's Standard Webhooks secret: hidden until asked for, copyable, and rotatable with an overlap.
export function SigningSecret({ webhookId, secret, overlapHours }: Props) {
  return secret === null ? (
    <HiddenSigningSecret />
  ) : (
    <VisibleSigningSecret webhookId={webhookId} secret={secret} overlapHours={overlapHours} />
  );
}

// How receivers verify, with code per language: loaded after the editor (the text is long).
const VerificationSnippets = dynamic(
  () => import("./verification-snippets").then((module) => module.VerificationSnippets),
  { ssr: false },
);

// For viewers: the card without the secret, nor a way to show, copy or rotate it.
function HiddenSigningSecret() {
  const t = useTranslations("WebhookEditor.secret");
  const inputId = useId();
  return (
    <Card title={t("title")} headingId="section-secret" description={t.rich("description", { code })}>
      <label htmlFor={inputId} className="mb-1.5 block text-sm font-medium text-slate-800">
        {t("label")}
      </label>
      <Input
        id={inputId}
        readOnly
        value={MASK}
        className="bg-slate-50 font-mono text-[13px] tracking-tight text-slate-800"
      />
      <p className="mt-1.5 text-sm text-slate-500">{t("hiddenForViewers")}</p>
      <VerificationSnippets />
    </Card>
  );
}

function VisibleSigningSecret({
  webhookId,
  secret: initialSecret,
  overlapHours,
}: Props & { secret: string }) {
  const t = useTranslations("WebhookEditor.secret");
  const format = useFormatter();
  const inputId = useId();
  const [secret, setSecret] = useState(initialSecret);
  const [revealed, setRevealed] = useState(false);
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");
  const [previousUntil, setPreviousUntil] = useState<string | null>(null);

  useEffect(() => {
    if (copy !== "copied") return;
    const timer = setTimeout(() => setCopy("idle"), 2000);
    return () => clearTimeout(timer);
  }, [copy]);

  async function copySecret() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopy("copied");
    } catch {
      setCopy("failed");
    }
  }

  function onRotated(rotated: RotatedSecret) {
    setSecret(rotated.secret);
    // The user asked for a new secret to hand to the receiver: show it at once.
    setRevealed(true);
    setCopy("idle");
    setPreviousUntil(rotated.previousSecretExpiresAt);
  }

  return (
    <Card
      title={t("title")}
      headingId="section-secret"
      description={t.rich("description", { code })}
      actions={<RotateSecretDialog webhookId={webhookId} overlapHours={overlapHours} onRotated={onRotated} />}
    >
      <label htmlFor={inputId} className="mb-1.5 block text-sm font-medium text-slate-800">
        {t("label")}
      </label>
      <div className="flex items-center gap-2">
        <Input
          id={inputId}
          readOnly
          value={revealed ? secret : MASK}
          spellCheck={false}
          autoComplete="off"
          data-revealed={revealed}
          className="min-w-0 flex-1 bg-slate-50 font-mono text-[13px] tracking-tight text-slate-800"
          onFocus={(event) => {
            if (revealed) event.currentTarget.select();
          }}
        />
        <Button
          variant="secondary"
          size="icon"
          className="size-10"
          aria-label={revealed ? t("hide") : t("show")}
          title={revealed ? t("hide") : t("show")}
          onClick={() => setRevealed((value) => !value)}
        >
          {revealed ? <EyeSlashIcon /> : <EyeIcon />}
        </Button>
        <Button variant="secondary" aria-label={t("copyLabel")} onClick={copySecret}>
          {copy === "copied" ? <CheckIcon /> : <CopyIcon />}
          <span>{copy === "copied" ? t("copied") : t("copy")}</span>
        </Button>
      </div>
      <p className="mt-1.5 text-sm text-slate-500">{t("keepPrivate")}</p>
      <div aria-live="polite" className="empty:hidden">
        {copy === "failed" ? <p className="mt-2 text-sm text-red-700">{t("copyFailed")}</p> : null}
        {previousUntil ? (
          <p className="mt-3 flex items-start gap-2 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200">
            <CheckIcon />
            <span>
              {t("rotated", {
                time: format.dateTime(new Date(previousUntil), { dateStyle: "medium", timeStyle: "short" }),
              })}
            </span>
          </p>
        ) : null}
      </div>
      <VerificationSnippets />
    </Card>
  );
}

function code(chunks: ReactNode) {
  return (
    <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] text-slate-700">{chunks}</code>
  );
}
