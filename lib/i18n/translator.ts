// use-intl/core: what next-intl exports on the server, and it also loads outside Next (`npm run intake`).
import { createTranslator, hasLocale } from "use-intl/core";
import type { MessageValues, Translate } from "@/lib/validation/issues";
import de from "@/messages/de.json";
import en from "@/messages/en.json";
import { type Locale, routing } from "./routing";

const messagesByLocale = { en, de } as const;

// For code outside a locale (the REST API, the not-found page of a path without one): the first of our
// languages the Accept-Language header names, by weight, else the default.
export function localeFromAcceptLanguage(header: string | null): Locale {
  const ranked = (header ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { language: tag.split("-")[0] ?? "", q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { language } of ranked) if (hasLocale(routing.locales, language)) return language;
  return routing.defaultLocale;
}

export function validationTranslator(locale: Locale): Translate {
  const t = createTranslator({ locale, messages: messagesByLocale[locale], namespace: "Validation" });
  return Object.assign((key: string, values?: MessageValues) => t(key as never, values as never), {
    has: (key: string) => t.has(key as never),
  });
}

export function messagesFor(locale: Locale) {
  return messagesByLocale[locale];
}
