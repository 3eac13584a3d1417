import { hasLocale } from "next-intl";
import { getRequestConfig } from "next-intl/server";
import { routing } from "./routing";

export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  const locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  return {
    locale,
    // Explicit, so server and browser format dates the same way (the server's own zone).
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    messages: (await import(`../../messages/${locale}.json`)).default,
  };
});
