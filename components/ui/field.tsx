import type { ReactNode } from "react";
import { cn } from "./cn";

// Ids of a control's hint and error, for its aria-describedby.
export function fieldIds(id: string) {
  return { hint: `${id}-hint`, error: `${id}-error` };
}

export function describedBy(id: string, parts: { hint?: boolean; error?: boolean }): string | undefined {
  const ids = fieldIds(id);
  const list = [parts.error && ids.error, parts.hint && ids.hint].filter(Boolean);
  return list.length > 0 ? list.join(" ") : undefined;
}

export function FieldError({ id, message, className }: { id: string; message?: string; className?: string }) {
  if (!message) return null;
  return (
    <p id={id} className={cn("mt-1.5 text-sm text-red-700", className)}>
      {message}
    </p>
  );
}

type FieldProps = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
  className?: string;
  // A control beside the label's row, e.g. the variables button.
  aside?: ReactNode;
};

// Label, control, hint and error in one column; the control itself sets aria-describedby via describedBy().
export function Field({ id, label, hint, error, children, className, aside }: FieldProps) {
  const ids = fieldIds(id);
  return (
    <div className={className}>
      <div className="mb-1.5 flex items-center justify-between gap-2">
        <label htmlFor={id} className="text-sm font-medium text-slate-800">
          {label}
        </label>
        {aside}
      </div>
      {children}
      <FieldError id={ids.error} message={error} />
      {hint ? (
        <p id={ids.hint} className="mt-1.5 text-sm text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
