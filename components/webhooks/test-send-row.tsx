"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { SpriteIcon } from "@/components/ui/icon-sprite";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { sendTestAction } from "@/lib/actions/test-send";
import { TestResultView, useTestSend } from "./test-send";

// Apart from test-send.tsx so that the editor does not load the popover with it.
/** "Send test" on a row of the list (its icon from the list's IconSprite): the saved webhook with sample data; the outcome in a popover. */
export function TestSendRowButton({ webhookId, name }: { webhookId: string; name: string }) {
  const t = useTranslations("TestSend");
  const { pending, outcome, error, run } = useTestSend();
  const [open, setOpen] = useState(false);
  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button
          variant="ghost"
          size="sm"
          className="lg:px-1.5"
          aria-label={t("sendLabel", { name })}
          title={t("sendLabel", { name })}
          aria-busy={pending}
          onClick={() => run(() => sendTestAction(webhookId, {}))}
        >
          <SpriteIcon name="send" />
          {/* An icon only in the table, like the row's other buttons, so the list fits at 1280 px. */}
          <span className="lg:sr-only">{pending ? t("sending") : t("send")}</span>
        </Button>
      </PopoverTrigger>
      <PopoverContent align="end" className="w-[28rem] max-w-[calc(100vw-2rem)] p-4">
        {pending && !outcome && !error ? <p className="text-sm text-slate-600">{t("sending")}</p> : null}
        <TestResultView outcome={outcome} error={error} />
      </PopoverContent>
    </Popover>
  );
}
