import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AccountForm } from "@/components/auth/account-form";
import { BrandLogo } from "@/components/auth/brand-logo";
import { Card } from "@/components/ui/card";
import { MIN_PASSWORD_LENGTH } from "@/lib/accounts/users";
import { setUpAction } from "@/lib/actions/auth";
import { MAX_PASSWORD_LENGTH } from "@/lib/auth/account-form";
import { hasAnyUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { redirect } from "@/lib/i18n/navigation";
import { localeOf } from "@/lib/pages";

export async function generateMetadata({ params }: PageProps<"/[locale]/setup">): Promise<Metadata> {
  const t = await getTranslations({ locale: await localeOf(params), namespace: "Auth.setup" });
  return { title: t("metaTitle") };
}

// One-time: once any account exists, this page only leads to sign-in.
export default async function SetupPage({ params }: PageProps<"/[locale]/setup">) {
  const locale = await localeOf(params);
  if (await hasAnyUser(await getDb())) redirect({ href: "/sign-in", locale });
  const t = await getTranslations("Auth.setup");
  const tApp = await getTranslations("App");
  return (
    <>
      <BrandLogo name={tApp("title")} />
      <Card
        title={<span className="text-xl">{t("title")}</span>}
        description={t("intro")}
        headingId="setup-title"
      >
        <AccountForm
          action={setUpAction}
          idPrefix="setup"
          minPasswordLength={MIN_PASSWORD_LENGTH}
          maxPasswordLength={MAX_PASSWORD_LENGTH}
          labels={{
            email: t("email"),
            password: t("password"),
            passwordHint: t("passwordHint", { min: String(MIN_PASSWORD_LENGTH) }),
            confirm: t("confirm"),
            submit: t("submit"),
            submitting: t("submitting"),
          }}
        />
      </Card>
    </>
  );
}
