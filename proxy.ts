import { NextRequest, NextResponse } from "next/server";
import { hasLocale } from "next-intl";
import createMiddleware from "next-intl/middleware";
import { env } from "@/lib/env";
import { routing } from "@/lib/i18n/routing";
import { pageContentSecurityPolicy, strictTransportSecurity } from "@/lib/security/headers.mjs";
import { isCrossOriginPagePost, servedOverHttps } from "@/lib/security/same-origin";

// Redirects `/` by the browser's language and keeps the locale prefix on every page.
const intl = createMiddleware(routing);

// Pages anyone may open; every other page needs a session.
function isPublic(page: string): boolean {
  return page === "/sign-in" || page === "/setup" || page.startsWith("/invite/");
}
// Better Auth's session cookie; the __Secure- form when the app runs behind https (lib/auth/auth.ts).
const SESSION_COOKIES = ["better-auth.session_token", "__Secure-better-auth.session_token"];

// A cheap first gate: without a session cookie a page sends the browser to sign-in at once (which leads
// on to set-up on a fresh install). Whether the session is real is checked by the page itself
// (lib/auth/access.ts currentAccess), so a forged cookie gets no further than the sign-in page.
export default function proxy(original: NextRequest) {
  // A fresh nonce per page view, on the request too: Next reads it there and puts it on the scripts it
  // renders. NODE_ENV is fixed at build time (development needs eval for React's debugging).
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = pageContentSecurityPolicy(nonce, { development: process.env.NODE_ENV === "development" });
  const headers = new Headers(original.headers);
  headers.set("content-security-policy", policy);
  const response = gate(new NextRequest(original, { headers }));
  response.headers.set("Content-Security-Policy", policy);
  if (servedOverHttps(env().BETTER_AUTH_URL, original.headers)) {
    response.headers.set(strictTransportSecurity.key, strictTransportSecurity.value);
  }
  return response;
}

function gate(request: NextRequest): NextResponse {
  // A server action from another site is refused here with 403, before Next refuses it with a 500.
  if (isCrossOriginPagePost(request)) return new NextResponse(null, { status: 403 });
  const { pathname, search } = request.nextUrl;
  const [, locale = "", ...rest] = pathname.split("/");
  const page = `/${rest.join("/")}`;
  const localized = hasLocale(routing.locales, locale);
  if (localized && !isPublic(page) && !SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    // From nextUrl, as next-intl does: the host the browser used, so the cookie set there is sent back.
    const target = request.nextUrl.clone();
    target.pathname = `/${locale}/sign-in`;
    target.search = "";
    if (page !== "/") target.searchParams.set("next", `${pathname}${search}`);
    return NextResponse.redirect(target);
  }
  return intl(request);
}

export const config = {
  // The REST API, internal routes (and Better Auth's under /api/auth) and static files are not localized.
  matcher: "/((?!api|_next|_vercel|.*\\..*).*)",
};
