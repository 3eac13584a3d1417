import type { Metadata } from "next";
import { headers } from "next/headers";
import { hasLocale, NextIntlClientProvider } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { AppHeader } from "@/components/layout/app-header";
import { ThemeProvider } from "@/components/layout/theme-provider";
import { Toaster } from "@/components/ui/toaster";
import { headerAccount } from "@/lib/auth/header";
import { routing } from "@/lib/i18n/routing";
import { localeOf } from "@/lib/pages";
import "../globals.css";

// Also for a path outside a locale (`/.env` reaches this layout as locale ".env"): then in the default one.
export async function generateMetadata({ params }: LayoutProps<"/[locale]">): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({
    locale: hasLocale(routing.locales, locale) ? locale : routing.defaultLocale,
    namespace: "App",
  });
  return { title: { default: t("title"), template: `%s · ${t("title")}` } };
}

export default async function LocaleLayout({ children, params }: LayoutProps<"/[locale]">) {
  const locale = await localeOf(params);
  // Every page renders per request and learns its locale from proxy.ts; but proxy.ts skips paths with a dot
  // (`/de/webhooks/new/.git/config`), whose not-found page still speaks the URL's language: it is told here.
  setRequestLocale(locale);
  // next-themes sets the theme from an inline script before the first paint; the page's CSP (proxy.ts)
  // lets it run with this request's nonce, as it does Next's own scripts.
  const nonce = (await headers()).get("content-security-policy")?.match(/'nonce-([^']+)'/)?.[1];
  return (
    // next-themes adds the theme's class to <html> before React hydrates: React is told not to mind.
    <html lang={locale} suppressHydrationWarning>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <ThemeProvider nonce={nonce}>
          <NextIntlClientProvider>
            <AppHeader account={headerAccount()} />
            <main className="mx-auto max-w-6xl px-4 py-6 sm:py-8">{children}</main>
            <Toaster />
          </NextIntlClientProvider>
        </ThemeProvider>
      </body>
    </html>
  );
}
