import { Building2, ChevronsUpDown, CircleUser, Menu, Settings2 } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ComponentProps } from "react";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

// The buttons that open the header's menus. They render at once (disabled) and again inside the Radix
// menus once those have loaded (header-menus.tsx), so the header keeps its shape meanwhile.
type TriggerProps = ComponentProps<"button">;

const iconClasses = "size-4 shrink-0";
const triggerClasses = cn(buttonClasses("ghost", "sm"), "px-2 text-slate-700 data-[state=open]:bg-slate-100");

export function WorkspaceTrigger({ name, className, ...props }: TriggerProps & { name: string }) {
  const t = useTranslations("Auth.header");
  return (
    <button type="button" className={cn(triggerClasses, "min-w-0", className)} title={name} {...props}>
      <Building2 aria-hidden="true" focusable="false" className={iconClasses} />
      <span className="sr-only">{t("workspace")}: </span>
      <span className="max-w-[7rem] truncate sm:max-w-[12rem]">{name}</span>
      <ChevronsUpDown aria-hidden="true" focusable="false" className="size-3.5 shrink-0 text-slate-500" />
    </button>
  );
}

// Signed in: the account (its email shown from md up, always part of the name); signed out: language and theme.
export function AccountTrigger({ email, className, ...props }: TriggerProps & { email: string | null }) {
  const t = useTranslations("Auth.header");
  const tApp = useTranslations("App");
  return (
    <button type="button" className={cn(triggerClasses, className)} {...props}>
      {email ? (
        <>
          <CircleUser aria-hidden="true" focusable="false" className={iconClasses} />
          <span className="sr-only">{t("account")}: </span>
          <span className="max-w-[14rem] truncate max-lg:sr-only">{email}</span>
        </>
      ) : (
        <>
          <Settings2 aria-hidden="true" focusable="false" className={iconClasses} />
          <span className="sr-only">{tApp("preferences")}</span>
        </>
      )}
    </button>
  );
}

export function NavTrigger({ className, ...props }: TriggerProps) {
  const t = useTranslations("App");
  return (
    <button type="button" className={cn(triggerClasses, "lg:hidden", className)} {...props}>
      <Menu aria-hidden="true" focusable="false" className={iconClasses} />
      <span className="sr-only">{t("menu")}</span>
    </button>
  );
}
