import type { Metadata } from "next";
import { redirect as nextRedirect } from "next/navigation";
import { connection } from "next/server";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card } from "@/components/ui/card";
import { safeNextPath } from "@/lib/auth/redirects";
import { currentUser, hasAnyUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { redirect } from "@/lib/i18n/navigation";
import type { Locale } from "@/lib/i18n/routing";

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ next?: string | string[] }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale as Locale, namespace: "Auth.signIn" });
  return { title: t("metaTitle") };
}

export default async function SignInPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale as Locale);
  await connection();
  // A fresh install has no one to sign in: the set-up page creates the owner first.
  if (!(await hasAnyUser(await getDb()))) redirect({ href: "/setup", locale: locale as Locale });
  const next = safeNextPath((await searchParams).next, locale);
  if (await currentUser()) nextRedirect(next);
  const t = await getTranslations("Auth.signIn");
  return (
    <Card title={<span className="text-xl">{t("title")}</span>} headingId="sign-in-title">
      <SignInForm next={next} />
    </Card>
  );
}
