import createMiddleware from "next-intl/middleware";
import { routing } from "@/lib/i18n/routing";

// Redirects `/` by the browser's language and keeps the locale prefix on every page.
export default createMiddleware(routing);

export const config = {
  // The REST API, internal routes and static files are not localized.
  matcher: "/((?!api|_next|_vercel|.*\\..*).*)",
};
