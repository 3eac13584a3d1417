import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AcceptInviteForm } from "@/components/auth/accept-invite-form";
import { AccountForm } from "@/components/auth/account-form";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { MIN_PASSWORD_LENGTH } from "@/lib/accounts/users";
import { acceptInviteAction, joinWithInviteAction } from "@/lib/actions/invites";
import { MAX_PASSWORD_LENGTH } from "@/lib/auth/account-form";
import { currentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { Link } from "@/lib/i18n/navigation";
import { localeOf } from "@/lib/pages";
import { findOpenInvite } from "@/lib/workspaces/invites";

export async function generateMetadata({ params }: PageProps<"/[locale]/invite/[token]">): Promise<Metadata> {
  const t = await getTranslations({ locale: await localeOf(params), namespace: "Auth.invite" });
  return { title: t("metaTitle") };
}

// Whether the link is still good is known only when it is used: acceptInvite checks and spends it at once.
export default async function InvitePage({ params }: PageProps<"/[locale]/invite/[token]">) {
  const { locale, token } = await params;
  const user = await currentUser();
  const t = await getTranslations("Auth");
  const tRoles = await getTranslations("Settings.roles");
  // Which workspace and role, when the link is still good (joining checks it again and spends it).
  const invite = await findOpenInvite(await getDb(), token);
  return (
    <Card
      title={<span className="text-xl">{t("invite.title")}</span>}
      description={
        invite
          ? t("invite.introTo", { workspace: invite.workspaceName, role: tRoles(invite.role) })
          : t("invite.intro")
      }
      headingId="invite-title"
    >
      {user ? (
        <div className="space-y-4">
          <p className="text-sm text-slate-700">{t("invite.signedInAs", { email: user.email })}</p>
          <AcceptInviteForm action={acceptInviteAction.bind(null, token)} />
          <div className="flex items-center gap-2 border-t border-slate-100 pt-4 text-sm text-slate-600">
            <span>{t("invite.otherAccount")}</span>
            <SignOutButton />
          </div>
        </div>
      ) : (
        <div className="space-y-6">
          <p className="flex flex-wrap items-center gap-3 text-sm text-slate-700">
            <span>{t("invite.haveAccount")}</span>
            <Link
              href={{
                pathname: "/sign-in",
                query: { next: `/${locale}/invite/${encodeURIComponent(token)}` },
              }}
              className={buttonClasses("secondary", "sm")}
            >
              {t("invite.signIn")}
            </Link>
          </p>
          <div className="border-t border-slate-100 pt-4">
            <p className="mb-4 text-sm font-medium text-slate-800">{t("invite.newAccount")}</p>
            <AccountForm
              action={joinWithInviteAction.bind(null, token)}
              idPrefix="invite"
              minPasswordLength={MIN_PASSWORD_LENGTH}
              maxPasswordLength={MAX_PASSWORD_LENGTH}
              labels={{
                email: t("setup.email"),
                password: t("setup.password"),
                passwordHint: t("setup.passwordHint", { min: String(MIN_PASSWORD_LENGTH) }),
                confirm: t("setup.confirm"),
                submit: t("invite.create"),
                submitting: t("invite.creating"),
              }}
            />
          </div>
        </div>
      )}
    </Card>
  );
}
