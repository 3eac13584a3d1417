import type { ReactNode } from "react";
import { cn } from "./cn";

type CardProps = {
  title?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  headingId?: string;
};

export function Card({ title, description, actions, children, className, headingId }: CardProps) {
  return (
    <section
      aria-labelledby={title ? headingId : undefined}
      className={cn("rounded-xl border border-slate-200 bg-white shadow-sm", className)}
    >
      {title ? (
        <header className="flex items-start justify-between gap-4 border-b border-slate-100 px-5 py-4">
          <div>
            <h2 id={headingId} className="text-base font-semibold text-slate-900">
              {title}
            </h2>
            {description ? <div className="mt-1 text-sm text-slate-500">{description}</div> : null}
          </div>
          {actions}
        </header>
      ) : null}
      <div className="px-5 py-5">{children}</div>
    </section>
  );
}
