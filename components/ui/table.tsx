import type { ComponentProps } from "react";
import { cn } from "./cn";

// From lg up a table; below it every row is a card, its cells in one or two columns, each with its column's
// label above the value (`label` on TableCell; a cell without one, like the name or the buttons, spans the
// card). No table scrolls sideways on a phone, and the markup stays one table for both.
export function Table({ className, ...props }: ComponentProps<"table">) {
  return (
    <div className="lg:overflow-x-auto lg:rounded-xl lg:border lg:border-slate-200 lg:bg-white lg:shadow-sm">
      <table
        className={cn(
          "w-full border-collapse text-left text-sm",
          "max-lg:block max-lg:[&>tbody]:block max-lg:[&>tbody]:space-y-3",
          "max-lg:[&>tbody>tr]:grid max-lg:[&>tbody>tr]:gap-x-4 sm:max-lg:[&>tbody>tr]:grid-cols-2",
          "max-lg:[&>tbody>tr]:rounded-xl max-lg:[&>tbody>tr]:border max-lg:[&>tbody>tr]:border-slate-200",
          "max-lg:[&>tbody>tr]:bg-white max-lg:[&>tbody>tr]:py-2 max-lg:[&>tbody>tr]:shadow-sm",
          className,
        )}
        {...props}
      />
    </div>
  );
}

export function TableHead({ className, ...props }: ComponentProps<"th">) {
  return (
    <th
      className={cn(
        "border-b border-slate-200 bg-slate-50 px-3 py-3 text-xs font-semibold tracking-wide whitespace-nowrap text-slate-500 uppercase first:pl-4 last:pr-4",
        className,
      )}
      {...props}
    />
  );
}

// Its look lives in app/globals.css (`data-cell`): a long list sends one short class per cell.
export function TableCell({ className, label, ...props }: ComponentProps<"td"> & { label?: string }) {
  return <td data-label={label} className={cn("data-cell", className)} {...props} />;
}

/**
 * The header row of a data table: one column per label and, with `actionsLabel`, a last column for row
 * buttons whose label only screen readers need. Below lg the cards name their values themselves.
 */
export function TableHeader({
  columns,
  actionsLabel,
}: {
  columns: readonly string[];
  actionsLabel?: string;
}) {
  return (
    <thead className="max-lg:sr-only">
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
