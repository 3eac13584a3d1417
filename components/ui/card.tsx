import type { ReactNode } from "react";
import { cn } from "./cn";

type CardProps = {
  title?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  headingId?: string;
  // The body's id and classes, for a card whose body can be hidden (the editor's preview on a phone).
  bodyId?: string;
  bodyClassName?: string;
};

export function Card({
  title,
  description,
  actions,
  children,
  className,
  headingId,
  bodyId,
  bodyClassName,
}: CardProps) {
  return (
    <section
      aria-labelledby={title ? headingId : undefined}
      className={cn("rounded-xl border border-slate-200 bg-white shadow-sm", className)}
    >
      {title ? (
        <header className="flex items-start justify-between gap-4 border-b border-slate-100 px-5 py-4">
          <div className="min-w-0">
            <h2 id={headingId} className="text-base font-semibold text-slate-900">
              {title}
            </h2>
            {description ? <div className="mt-1 text-sm text-slate-500">{description}</div> : null}
          </div>
          {actions}
        </header>
      ) : null}
      <div id={bodyId} className={cn("px-5 py-5", bodyClassName)}>
        {children}
      </div>
    </section>
  );
}
