import type { Metadata } from "next";
import { connection } from "next/server";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { AccountForm } from "@/components/auth/account-form";
import { Card } from "@/components/ui/card";
import { MIN_PASSWORD_LENGTH } from "@/lib/accounts/users";
import { setUpAction } from "@/lib/actions/auth";
import { MAX_PASSWORD_LENGTH } from "@/lib/auth/account-form";
import { hasAnyUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { redirect } from "@/lib/i18n/navigation";
import type { Locale } from "@/lib/i18n/routing";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale as Locale, namespace: "Auth.setup" });
  return { title: t("metaTitle") };
}

// One-time: once any account exists, this page only leads to sign-in.
export default async function SetupPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale as Locale);
  await connection();
  if (await hasAnyUser(await getDb())) redirect({ href: "/sign-in", locale: locale as Locale });
  const t = await getTranslations("Auth.setup");
  return (
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
          passwordHint: t("passwordHint", { min: MIN_PASSWORD_LENGTH }),
          confirm: t("confirm"),
          submit: t("submit"),
          submitting: t("submitting"),
        }}
      />
    </Card>
  );
}
