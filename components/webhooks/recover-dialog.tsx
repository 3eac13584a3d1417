"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button, buttonClasses } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { notifySuccess } from "@/components/ui/toaster";
import { countRecoverableAction, getRecoveryAction, startRecoveryAction } from "@/lib/actions/recovery";
import { useRouter } from "@/lib/i18n/navigation";
import type { RecoveryJson } from "@/lib/recovery/rows";
import { RecoverIcon } from "./icons";

// The value of a datetime-local input for a time, in the browser's zone, to the millisecond.
function localInput(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 23);
}

/**
 * "Recover failed since…": pick a time, see how many failed deliveries that resends, confirm, and follow
 * the workers' progress until they are all queued again.
 */
export function RecoverDialog({ webhookId, blocked }: { webhookId: string; blocked: boolean }) {
  const t = useTranslations("Recovery.recover");
  const router = useRouter();
  const inputId = useId();
  const [open, setOpen] = useState(false);
  const [since, setSince] = useState(() => localInput(new Date(Date.now() - 24 * 3_600_000)));
  const [count, setCount] = useState<number | null>(null);
  const [job, setJob] = useState<RecoveryJson | null>(null);
  const counting = useServerAction();
  const starting = useServerAction();
  const sinceIso = () => new Date(since).toISOString();

  const progress = useQuery({
    queryKey: ["recovery", job?.id],
    queryFn: async () => {
      const result = await getRecoveryAction(job?.id ?? "");
      if (!result.ok) throw new Error(result.error);
      if (result.data.status === "completed") {
        notifySuccess(t("done", { count: result.data.done }));
        router.refresh();
      }
      return result.data;
    },
    enabled: job !== null && job.status === "running",
    refetchInterval: (query) => (query.state.data?.status === "completed" ? false : 1000),
  });
  const current = progress.data ?? job;

  function reset(next: boolean) {
    setOpen(next);
    if (!next) {
      setCount(null);
      setJob(null);
    }
  }

  return (
    <AlertDialog open={open} onOpenChange={reset}>
      <AlertDialogTrigger asChild>
        <Button variant="secondary" disabled={blocked} title={blocked ? t("blocked") : undefined}>
          <RecoverIcon />
          {t("open")}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogTitle>{t("title")}</AlertDialogTitle>
        <AlertDialogDescription>{t("description")}</AlertDialogDescription>
        {current ? (
          <div className="mt-4 space-y-2" aria-live="polite">
            <progress
              className="w-full"
              max={Math.max(current.total, 1)}
              value={current.status === "completed" ? Math.max(current.total, 1) : current.done}
              aria-label={t("progressLabel")}
            />
            <p className="text-sm text-slate-700" data-testid="recovery-progress">
              {current.status === "completed"
                ? t("done", { count: current.done })
                : t("running", { done: String(current.done), total: String(current.total) })}
            </p>
          </div>
        ) : (
          <div className="mt-4 space-y-3">
            <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
              {t("since")}
            </label>
            <Input
              id={inputId}
              type="datetime-local"
              step={0.001}
              value={since}
              onChange={(event) => {
                setSince(event.target.value);
                setCount(null);
              }}
            />
            {count !== null ? (
              <p className="text-sm text-slate-700" aria-live="polite" data-testid="recovery-count">
                {t("count", { count })}
              </p>
            ) : null}
            {counting.error || starting.error ? (
              <p role="alert" className="text-sm text-red-700">
                {counting.error ?? starting.error}
              </p>
            ) : null}
          </div>
        )}
        <div className="mt-6 flex justify-end gap-2">
          <AlertDialogCancel className={buttonClasses("secondary")}>
            {current ? t("close") : t("cancel")}
          </AlertDialogCancel>
          {current ? null : count === null ? (
            <Button
              disabled={counting.pending || since === ""}
              onClick={() =>
                counting.run(() => countRecoverableAction(webhookId, sinceIso()), {
                  refusal: () => t("failed"),
                  failed: t("failed"),
                  refresh: "never",
                  onSuccess: (value) => setCount(value ?? 0),
                })
              }
            >
              {t("countButton")}
            </Button>
          ) : (
            <Button
              disabled={starting.pending || count === 0}
              onClick={() =>
                starting.run(() => startRecoveryAction(webhookId, sinceIso()), {
                  refusal: () => t("failed"),
                  failed: t("failed"),
                  refresh: "never",
                  onSuccess: (started) => setJob(started),
                })
              }
            >
              {t("confirm", { count })}
            </Button>
          )}
        </div>
      </AlertDialogContent>
    </AlertDialog>
  );
}
