import type { ComponentProps } from "react";
import { cn } from "@/components/ui/cn";

/** A compact picker for the header: its label is for screen readers only, the choice speaks for itself. */
export function HeaderSelect({ label, className, ...props }: ComponentProps<"select"> & { label: string }) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-600">
      <span className="sr-only">{label}</span>
      <select
        className={cn("rounded-md border border-slate-300 bg-white px-2 py-1 text-sm", className)}
        {...props}
      />
    </label>
  );
}
