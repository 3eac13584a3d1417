"use client";

import { cn } from "@/components/ui/cn";
import { Link, usePathname } from "@/lib/i18n/navigation";

export type NavLink = {
  href: "/overview" | "/webhooks" | "/events" | "/inboxes" | "/settings";
  label: string;
};

/** Whether a link is the section the page is in (`/webhooks/…/deliveries` is in Webhooks). */
export function isCurrent(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

// The sections, from md up; below that the same links sit in the header's menu (header-menus.tsx).
export function NavLinks({ links }: { links: NavLink[] }) {
  const pathname = usePathname();
  return (
    <ul className="hidden items-center gap-1 lg:flex">
      {links.map((link) => {
        const current = isCurrent(pathname, link.href);
        return (
          <li key={link.href}>
            <Link
              href={link.href}
              aria-current={current ? "page" : undefined}
              className={cn(
                "rounded-md px-3 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900",
                current && "bg-indigo-50 text-indigo-700 hover:bg-indigo-50 hover:text-indigo-700",
              )}
            >
              {link.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
