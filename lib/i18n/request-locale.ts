import "server-only";
import { hasLocale } from "next-intl";
import { getLocale } from "next-intl/server";
import { type Locale, routing } from "./routing";

/** The locale of the request being served (server actions and pages), one of ours even if the URL's is not. */
export async function requestLocale(): Promise<Locale> {
  const locale = await getLocale();
  return hasLocale(routing.locales, locale) ? locale : routing.defaultLocale;
}
