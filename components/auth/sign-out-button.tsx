import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { signOutAction } from "@/lib/actions/auth";

// A form, so signing out works before the page's JavaScript has loaded.
export function SignOutButton() {
  const t = useTranslations("Auth.header");
  return (
    <form action={signOutAction}>
      <Button type="submit" variant="ghost" size="sm">
        {t("signOut")}
      </Button>
    </form>
  );
}
