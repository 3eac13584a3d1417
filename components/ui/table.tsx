import type { ComponentProps } from "react";
import { cn } from "./cn";

export function Table({ className, ...props }: ComponentProps<"table">) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className={cn("w-full border-collapse text-left text-sm", className)} {...props} />
    </div>
  );
}

export function TableHead({ className, ...props }: ComponentProps<"th">) {
  return (
    <th
      className={cn(
        "border-b border-slate-200 bg-slate-50 px-4 py-3 text-xs font-semibold tracking-wide text-slate-500 uppercase",
        className,
      )}
      {...props}
    />
  );
}

export function TableCell({ className, ...props }: ComponentProps<"td">) {
  return <td className={cn("border-b border-slate-100 px-4 py-3 align-middle", className)} {...props} />;
}

/**
 * The header row of a data table: one column per label and, with `actionsLabel`, a last column for row
 * buttons whose label only screen readers need.
 */
export function TableHeader({
  columns,
  actionsLabel,
}: {
  columns: readonly string[];
  actionsLabel?: string;
}) {
  return (
    <thead>
      <tr>
        {columns.map((label) => (
          <TableHead key={label} scope="col">
            {label}
          </TableHead>
        ))}
        {actionsLabel ? (
          <TableHead scope="col" className="text-right">
            <span className="sr-only">{actionsLabel}</span>
          </TableHead>
        ) : null}
      </tr>
    </thead>
  );
}
