"use client";

import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useFormState } from "react-hook-form";
import type { EditorControl } from "./editor-types";

const LeaveDialog = dynamic(() => import("./leave-dialog").then((module) => module.LeaveDialog), {
  ssr: false,
});

/**
 * Asks before unsaved changes are lost: the browser's own question when the page is closed or reloaded, and a
 * dialog when a link of the app is followed. Off while the editor saves and leaves by itself (`off`).
 */
export function LeaveGuard({ control, off }: { control: EditorControl; off: boolean }) {
  const router = useRouter();
  const { isDirty } = useFormState({ control });
  const guarding = isDirty && !off;
  // The link's address the person wanted to follow; the dialog is open while there is one.
  const [target, setTarget] = useState<string | null>(null);
  const leaving = useRef(false);

  useEffect(() => {
    if (!guarding) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (leaving.current) return;
      event.preventDefault();
      event.returnValue = "";
    };
    // Capture phase: before Next's <Link> starts its client-side navigation.
    const onClick = (event: MouseEvent) => {
      if (leaving.current || event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = (event.target as Element | null)?.closest?.("a[href]");
      if (!(link instanceof HTMLAnchorElement) || link.target === "_blank" || link.hasAttribute("download"))
        return;
      const url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin) return;
      if (url.pathname === window.location.pathname && url.search === window.location.search) return;
      event.preventDefault();
      event.stopPropagation();
      setTarget(url.pathname + url.search + url.hash);
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [guarding]);

  const leave = () => {
    if (!target) return;
    leaving.current = true;
    setTarget(null);
    router.push(target);
  };

  // The dialog's code loads once it is needed: the new-webhook page has no other alert dialog.
  return target === null ? null : <LeaveDialog onStay={() => setTarget(null)} onLeave={leave} />;
}
