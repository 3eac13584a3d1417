"use client";

import { useEffect, useRef } from "react";
import { useRouter } from "@/lib/i18n/navigation";

const SOON_MS = 2500;
const AT_MOST_MS = 60_000;

// While deliveries on the page are pending, the page renders again: every few seconds while one is due
// (a worker is on it), else shortly after the next one falls due and at least once a minute. Only while
// the tab is visible. So a delivery moves on to "succeeded" or "failed" without a reload.
//
// A timer and router.refresh(), not TanStack Query's useQuery/refetchInterval: the log is a server
// component, so a refresh re-renders its rows on the server, masked for the reader's role, from the same
// query as the first render. useQuery would need a second read path (an action returning rows) and the rows
// rendered again in the browser, to replace these twenty lines. TanStack Query owns the reads made in the
// browser instead: an opened delivery's attempts (delivery-item.tsx). Mutations are server actions run in a
// transition (components/forms/use-server-action.ts).
export function LogAutoRefresh({ nextAttemptAt }: { nextAttemptAt: string | null }) {
  const router = useRouter();
  const due = useRef(nextAttemptAt);
  useEffect(() => {
    due.current = nextAttemptAt;
  }, [nextAttemptAt]);

  const pending = nextAttemptAt !== null;
  useEffect(() => {
    if (!pending) return;
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      const wait = due.current ? Date.parse(due.current) - Date.now() + 500 : AT_MOST_MS;
      timer = setTimeout(
        () => {
          if (document.visibilityState === "visible") router.refresh();
          schedule();
        },
        Math.min(Math.max(wait, SOON_MS), AT_MOST_MS),
      );
    };
    schedule();
    return () => clearTimeout(timer);
  }, [pending, router]);
  return null;
}
