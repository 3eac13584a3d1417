"use client";

import { useState, useTransition } from "react";
import { notifySuccess } from "@/components/ui/toaster";
import type { ActionCode, ActionResult } from "@/lib/actions/result";
import { useRouter } from "@/lib/i18n/navigation";

type Options<T, Code extends ActionCode> = {
  // What the person reads when the action was refused; null counts the refusal as done (gone already).
  refusal: (error: Code) => string | null;
  // What the person reads when the action could not run at all (network, server error).
  failed: string;
  onSuccess?: (data: T | null) => void;
  // What a toast says once it is done (the refusal still shows inline, where the person looks).
  toast?: string | ((data: T | null) => string);
  // When it was refused or could not run: put back what the person changed before it ran.
  onFailure?: () => void;
  // When the page's server data is fetched again: after success (default), after any answer, or never.
  refresh?: "success" | "always" | "never";
};

/**
 * The one wiring of a button that runs a server action: pending while it runs and while the page refreshes,
 * and the refusal's words when it was refused. No provider needed: it is a transition.
 */
export function useServerAction() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function run<T, Code extends ActionCode>(
    action: () => Promise<ActionResult<T, Code>>,
    { refusal, failed, onSuccess, onFailure, toast, refresh = "success" }: Options<T, Code>,
  ) {
    setError(null);
    startTransition(async () => {
      let message: string | null;
      let data: T | null = null;
      try {
        const result = await action();
        message = result.ok ? null : refusal(result.error);
        if (result.ok) data = result.data;
      } catch {
        message = failed;
      }
      const done = message === null;
      setError(message);
      if (done) {
        onSuccess?.(data);
        if (toast) notifySuccess(typeof toast === "string" ? toast : toast(data));
      } else onFailure?.();
      // Inside the transition again (updates after an await are not): pending lasts until the page has its
      // new data.
      if (refresh === "always" || (refresh === "success" && done)) startTransition(() => router.refresh());
    });
  }

  return { pending, error, run, clearError: () => setError(null) };
}

/**
 * ConfirmButton's props for a server action: the dialog closes once it is done and the page refreshes;
 * refused, it stays open and says why.
 */
export function useConfirmAction<Code extends ActionCode>(
  action: () => Promise<ActionResult<unknown, Code>>,
  texts: Omit<Options<unknown, Code>, "onSuccess" | "refresh">,
) {
  const [open, setOpen] = useState(false);
  const { pending, error, run, clearError } = useServerAction();
  return {
    open,
    pending,
    error,
    onOpenChange: (next: boolean) => {
      if (pending) return;
      if (next) clearError();
      setOpen(next);
    },
    onConfirm: () => run(action, { ...texts, onSuccess: () => setOpen(false) }),
  };
}
