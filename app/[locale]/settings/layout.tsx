import { getTranslations } from "next-intl/server";
import { SettingsNav } from "@/components/settings/settings-nav";
import { currentAccess } from "@/lib/auth/access";
import { roleAllows } from "@/lib/workspaces/roles";

// Members, keys and the audit log are for owners: everyone else is told so, and sees none of it.
export default async function SettingsLayout({ children }: LayoutProps<"/[locale]/settings">) {
  const t = await getTranslations("Settings");
  const access = await currentAccess();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t("title")}</h1>
      {roleAllows(access.role, "owner") ? (
        <>
          <SettingsNav />
          {children}
        </>
      ) : (
        <p data-testid="owners-only" className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {t("ownersOnly")}
        </p>
      )}
    </div>
  );
}
