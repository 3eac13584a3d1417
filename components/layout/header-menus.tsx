"use client";

import { LogOut, Plus } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useTheme } from "next-themes";
import { useTransition } from "react";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuGroup,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { signOutAction, switchWorkspaceAction } from "@/lib/actions/auth";
import { Link, usePathname, useRouter } from "@/lib/i18n/navigation";
import { routing } from "@/lib/i18n/routing";
import { AccountTrigger, NavTrigger, WorkspaceTrigger } from "./header-triggers";
import { isCurrent, type NavLink } from "./nav-links";

export type WorkspaceOption = { id: string; name: string };

export type HeaderMenusProps = {
  links: NavLink[];
  // Null when signed out (sign-in, set-up): then only language and theme.
  email: string | null;
  workspaces: WorkspaceOption[];
  activeId: string | null;
};

export function HeaderMenus({ links, email, workspaces, activeId }: HeaderMenusProps) {
  const active = workspaces.find((workspace) => workspace.id === activeId);
  return (
    <>
      {active ? <WorkspaceMenu workspaces={workspaces} active={active} /> : null}
      <AccountMenu email={email} />
      {links.length > 0 ? <NavMenu links={links} /> : null}
    </>
  );
}

function WorkspaceMenu({ workspaces, active }: { workspaces: WorkspaceOption[]; active: WorkspaceOption }) {
  const t = useTranslations("Auth.header");
  const [pending, startTransition] = useTransition();
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild disabled={pending}>
        <WorkspaceTrigger name={active.name} />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-64">
        <DropdownMenuLabel>{t("workspaces")}</DropdownMenuLabel>
        <DropdownMenuRadioGroup
          value={active.id}
          onValueChange={(id) => {
            if (id !== active.id) startTransition(() => switchWorkspaceAction(id));
          }}
        >
          {workspaces.map((workspace) => (
            <DropdownMenuRadioItem key={workspace.id} value={workspace.id}>
              <span className="truncate" title={workspace.name}>
                {workspace.name}
              </span>
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/workspaces/new">
            <Plus aria-hidden="true" focusable="false" className="size-4" />
            {t("newWorkspace")}
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

const themes = ["system", "light", "dark"] as const;

function AccountMenu({ email }: { email: string | null }) {
  const t = useTranslations("App");
  const tAuth = useTranslations("Auth.header");
  const locale = useLocale();
  const router = useRouter();
  const pathname = usePathname();
  const { theme, setTheme } = useTheme();
  const [pending, startTransition] = useTransition();
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild disabled={pending}>
        <AccountTrigger email={email} />
      </DropdownMenuTrigger>
      <DropdownMenuContent className="w-60">
        {email ? (
          <>
            <DropdownMenuLabel className="truncate text-sm font-medium text-slate-900" title={email}>
              {email}
            </DropdownMenuLabel>
            <DropdownMenuSeparator />
          </>
        ) : null}
        <DropdownMenuLabel>{t("language")}</DropdownMenuLabel>
        <DropdownMenuRadioGroup
          value={locale}
          onValueChange={(next) => {
            const target = routing.locales.find((option) => option === next);
            if (target && target !== locale) {
              startTransition(() => router.replace(pathname, { locale: target }));
            }
          }}
        >
          {routing.locales.map((option) => (
            <DropdownMenuRadioItem key={option} value={option} lang={option}>
              {t(`locales.${option}`)}
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <DropdownMenuLabel>{t("theme")}</DropdownMenuLabel>
        <DropdownMenuRadioGroup value={theme ?? "system"} onValueChange={setTheme}>
          {themes.map((option) => (
            <DropdownMenuRadioItem key={option} value={option}>
              {t(`themes.${option}`)}
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
        {email ? (
          <>
            <DropdownMenuSeparator />
            <DropdownMenuItem onSelect={() => startTransition(() => signOutAction())}>
              <LogOut aria-hidden="true" focusable="false" className="size-4" />
              {tAuth("signOut")}
            </DropdownMenuItem>
          </>
        ) : null}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

// Below lg (1024 px) the sections move from the header's row into this menu.
function NavMenu({ links }: { links: NavLink[] }) {
  const pathname = usePathname();
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <NavTrigger />
      </DropdownMenuTrigger>
      <DropdownMenuContent>
        <DropdownMenuGroup>
          {links.map((link) => {
            const current = isCurrent(pathname, link.href);
            return (
              <DropdownMenuItem key={link.href} asChild>
                <Link
                  href={link.href}
                  aria-current={current ? "page" : undefined}
                  className={current ? "font-semibold text-indigo-700" : undefined}
                >
                  {link.label}
                </Link>
              </DropdownMenuItem>
            );
          })}
        </DropdownMenuGroup>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
