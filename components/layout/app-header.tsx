import { getTranslations } from "next-intl/server";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { EventsNavLink } from "@/components/events/events-nav-link";
import { InboxesNavLink } from "@/components/inboxes/inboxes-nav-link";
import type { HeaderAccount } from "@/lib/auth/header-account";
import { Link } from "@/lib/i18n/navigation";
import { LocaleSwitcher } from "./locale-switcher";
import { WorkspaceSwitcher } from "./workspace-switcher";

// The layout starts reading the account (lib/auth/header.ts, server-only) and hands over the promise, so the
// header renders alongside the page as before while components never import server-only modules.
export async function AppHeader({ account: reading }: { account: Promise<HeaderAccount | null> }) {
  const t = await getTranslations("App");
  const tAuth = await getTranslations("Auth.header");
  // Null on the sign-in and set-up pages: then only the language can be chosen.
  const account = await reading;
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav
        className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3"
        aria-label={t("navigation")}
      >
        <Link href="/webhooks" className="text-lg font-semibold tracking-tight text-indigo-700">
          {t("title")}
        </Link>
        <div className="flex flex-wrap items-center justify-end gap-4">
          {account?.active ? (
            <Link href="/webhooks" className="text-sm font-medium text-slate-700 hover:text-indigo-700">
              {t("webhooks")}
            </Link>
          ) : null}
          {account?.active ? <EventsNavLink /> : null}
          {account?.active ? <InboxesNavLink /> : null}
          {account?.active?.role === "owner" ? (
            <Link href="/settings" className="text-sm font-medium text-slate-700 hover:text-indigo-700">
              {tAuth("settings")}
            </Link>
          ) : null}
          {account?.active && account.workspaces.length > 1 ? (
            <WorkspaceSwitcher workspaces={account.workspaces} activeId={account.active.id} />
          ) : account?.active ? (
            <span className="text-sm text-slate-600" title={tAuth("workspace")}>
              {account.active.name}
            </span>
          ) : null}
          {account ? (
            <Link href="/workspaces/new" className="text-sm font-medium text-slate-700 hover:text-indigo-700">
              <span aria-hidden="true">+ </span>
              {tAuth("newWorkspace")}
            </Link>
          ) : null}
          <LocaleSwitcher />
          {account ? (
            <div className="flex items-center gap-2 border-l border-slate-200 pl-4">
              <span className="text-sm text-slate-600" title={tAuth("account")}>
                {account.email}
              </span>
              <SignOutButton />
            </div>
          ) : null}
        </div>
      </nav>
    </header>
  );
}
