import { createTranslator } from "next-intl";
import type { MessageValues, Translate } from "@/lib/validation/issues";
import de from "@/messages/de.json";
import en from "@/messages/en.json";
import { type Locale, routing } from "./routing";

const messagesByLocale = { en, de } as const;

// For code outside React (the REST API): picks en or de from an Accept-Language header.
export function localeFromAcceptLanguage(header: string | null): Locale {
  const ranked = (header ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { language: tag.toLowerCase().split("-")[0], q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  const match = ranked.find((entry) => (routing.locales as readonly string[]).includes(entry.language ?? ""));
  return (match?.language as Locale | undefined) ?? routing.defaultLocale;
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
