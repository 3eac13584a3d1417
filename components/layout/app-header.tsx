import { Plus } from "lucide-react";
import { getTranslations } from "next-intl/server";
import type { HeaderAccount } from "@/lib/auth/header-account";
import { Link } from "@/lib/i18n/navigation";
import { LazyHeaderMenus } from "./lazy-header-menus";
import { type NavLink, NavLinks } from "./nav-links";
import { NoticeCount } from "./notice-count";

// The layout starts reading the account (lib/auth/header.ts, server-only) and hands over the promise, so the
// header renders alongside the page as before while components never import server-only modules.
export async function AppHeader({ account: reading }: { account: Promise<HeaderAccount | null> }) {
  const t = await getTranslations("App");
  const tAuth = await getTranslations("Auth.header");
  const tEvents = await getTranslations("Events");
  const tInboxes = await getTranslations("Inboxes");
  const tHealth = await getTranslations("Health.overview");
  // Null on the sign-in and set-up pages: then only language and theme can be chosen.
  const account = await reading;
  const links: NavLink[] = [];
  if (account?.active) {
    links.push({ href: "/overview", label: tHealth("nav") });
    links.push({ href: "/webhooks", label: t("webhooks") });
    links.push({ href: "/events", label: tEvents("nav") });
    links.push({ href: "/inboxes", label: tInboxes("nav") });
  }
  if (account?.active?.role === "owner") links.push({ href: "/settings", label: tAuth("settings") });
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav
        className="mx-auto flex h-14 max-w-6xl items-center gap-2 px-4 sm:gap-6"
        aria-label={t("navigation")}
      >
        <Link
          href="/overview"
          className="flex shrink-0 items-center gap-2 text-lg font-semibold tracking-tight text-indigo-700"
        >
          {/* biome-ignore lint/performance/noImgElement: a 1 kB SVG needs no image optimisation */}
          <img src="/favicon.svg" alt="" width={28} height={28} className="size-7" />
          <span className="max-sm:sr-only">{t("title")}</span>
        </Link>
        <NavLinks links={links} />
        <div className="ml-auto flex min-w-0 items-center gap-1">
          {account && !account.active ? (
            <Link
              href="/workspaces/new"
              className="flex items-center gap-1 text-sm font-medium text-slate-700"
            >
              <Plus aria-hidden="true" focusable="false" className="size-4" />
              {tAuth("newWorkspace")}
            </Link>
          ) : null}
          <NoticeCount count={account?.notices ?? 0} />
          <LazyHeaderMenus
            links={links}
            email={account?.email ?? null}
            workspaces={account?.workspaces ?? []}
            activeId={account?.active?.id ?? null}
          />
        </div>
      </nav>
    </header>
  );
}
