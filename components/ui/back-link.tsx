import type { ReactNode } from "react";
import { Link } from "@/lib/i18n/navigation";

/** The small "← back" link above a page's title. */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link
      href={href}
      className="inline-flex items-center gap-1 text-sm font-medium text-slate-500 hover:text-indigo-700"
    >
      <span aria-hidden="true">←</span>
      {children}
    </Link>
  );
}
