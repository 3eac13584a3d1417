import type { Metadata } from "next";
import { redirect as nextRedirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BrandLogo } from "@/components/auth/brand-logo";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card } from "@/components/ui/card";
import { safeNextPath } from "@/lib/auth/redirects";
import { currentUser, hasAnyUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { redirect } from "@/lib/i18n/navigation";
import { localeOf } from "@/lib/pages";

export async function generateMetadata({ params }: PageProps<"/[locale]/sign-in">): Promise<Metadata> {
  const t = await getTranslations({ locale: await localeOf(params), namespace: "Auth.signIn" });
  return { title: t("metaTitle") };
}

export default async function SignInPage({ params, searchParams }: PageProps<"/[locale]/sign-in">) {
  const locale = await localeOf(params);
  // A fresh install has no one to sign in: the set-up page creates the owner first.
  if (!(await hasAnyUser(await getDb()))) redirect({ href: "/setup", locale });
  const next = safeNextPath((await searchParams).next, locale);
  if (await currentUser()) nextRedirect(next);
  const t = await getTranslations("Auth.signIn");
  const tApp = await getTranslations("App");
  return (
    <>
      <BrandLogo name={tApp("title")} />
      <Card title={<span className="text-xl">{t("title")}</span>} headingId="sign-in-title">
        <SignInForm next={next} />
      </Card>
    </>
  );
}
