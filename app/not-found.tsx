import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { ThemeProvider } from "@/components/layout/theme-provider";
import { localeFromAcceptLanguage } from "@/lib/i18n/translator";
import "./globals.css";

// Paths outside a locale that reach no page (`/.env`, `/favicon.php`: proxy.ts skips paths with a dot, so
// no locale is added): app/[locale]/layout.tsx gets ".env" as its locale and calls notFound(), which lands
// here. The same page as under a locale, in the browser's language (plain links: no locale to navigate in).
export default async function RootNotFound() {
  const list = await headers();
  const locale = localeFromAcceptLanguage(list.get("accept-language"));
  // The theme the person chose (or the system's), as on every other page; see app/[locale]/layout.tsx.
  const nonce = list.get("content-security-policy")?.match(/'nonce-([^']+)'/)?.[1];
  const t = await getTranslations({ locale, namespace: "NotFound" });
  const app = await getTranslations({ locale, namespace: "App" });
  return (
    <html lang={locale} suppressHydrationWarning>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <ThemeProvider nonce={nonce}>
          <header className="border-b border-slate-200 bg-white">
            <nav className="mx-auto flex max-w-6xl items-center px-4 py-3" aria-label={app("navigation")}>
              <a
                href={`/${locale}/webhooks`}
                className="text-lg font-semibold tracking-tight text-indigo-700"
              >
                {app("title")}
              </a>
            </nav>
          </header>
          <main className="mx-auto max-w-6xl px-4 py-8">
            <section className="mx-auto max-w-lg py-16 text-center">
              <h1 className="text-2xl font-semibold">{t("title")}</h1>
              <p className="mt-2 text-slate-600">{t("description")}</p>
              <a
                href={`/${locale}/webhooks`}
                className="mt-6 inline-block font-medium text-indigo-700 hover:underline"
              >
                {t("back")}
              </a>
            </section>
          </main>
        </ThemeProvider>
      </body>
    </html>
  );
}
