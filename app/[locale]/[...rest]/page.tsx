import { notFound } from "next/navigation";

// Every path under a locale that no page matches: Next renders app/[locale]/not-found.tsx only for a
// notFound() from inside the [locale] segment, so this catch-all raises it (next-intl's documented way).
// The page is then the app's own, in the URL's language, under the header. Like every page it renders per
// request, so its scripts carry the request's CSP nonce (a prerendered 404 has none, and the browser blocks it).
export default function UnknownPage(): never {
  notFound();
}
