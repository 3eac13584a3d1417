import type { ComponentProps } from "react";
import { cn } from "./cn";

export const controlClasses = cn(
  "block w-full rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 shadow-sm",
  "placeholder:text-slate-400 focus:border-indigo-500",
  "aria-invalid:border-red-500 aria-invalid:bg-red-50/40 disabled:bg-slate-50 disabled:text-slate-500",
);

export function Input({ className, ...props }: ComponentProps<"input">) {
  return <input className={cn(controlClasses, "h-10", className)} {...props} />;
}

export function Select({ className, ...props }: ComponentProps<"select">) {
  return <select className={cn(controlClasses, "h-10 pr-8", className)} {...props} />;
}
