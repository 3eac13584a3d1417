// Dates typed in the page's language rather than in a native date picker, whose language and format follow
// the browser: the field order comes from Intl for the page's locale (en 12/31/2027, de 31.12.2027), and
// the form keeps the ISO date (yyyy-mm-dd) its schema checks.

type Part = "day" | "month" | "year";

const orderCache = new Map<string, Part[]>();

/** The order of day, month and year in the locale's numeric dates. */
export function dateOrder(locale: string): Part[] {
  const cached = orderCache.get(locale);
  if (cached) return cached;
  const order = new Intl.DateTimeFormat(locale, {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    timeZone: "UTC",
  })
    .formatToParts(new Date(Date.UTC(2027, 11, 31)))
    .map((part) => part.type)
    .filter((type): type is Part => type === "day" || type === "month" || type === "year");
  orderCache.set(locale, order);
  return order;
}

const pad = (value: number, width: number) => String(value).padStart(width, "0");

/** `yyyy-mm-dd` for a date typed in the locale's order (or typed as `yyyy-mm-dd`); null if it is none. */
export function parseLocalDate(text: string, locale: string): string | null {
  const numbers = text.trim().match(/\d+/g);
  if (numbers?.length !== 3 || /[^\d\s./-]/.test(text.trim())) return null;
  const order: Part[] = (numbers[0] ?? "").length === 4 ? ["year", "month", "day"] : dateOrder(locale);
  const value = { day: 0, month: 0, year: 0 };
  order.forEach((part, index) => {
    value[part] = Number(numbers[index]);
  });
  if (String(value.year).length !== 4) return null;
  const date = new Date(Date.UTC(value.year, value.month - 1, value.day));
  if (date.getUTCMonth() !== value.month - 1 || date.getUTCDate() !== value.day) return null;
  return `${pad(value.year, 4)}-${pad(value.month, 2)}-${pad(value.day, 2)}`;
}

/** The ISO date `yyyy-mm-dd` as the locale writes it in numbers. */
export function formatLocalDate(iso: string, locale: string): string {
  const [year, month, day] = iso.split("-").map(Number);
  return new Intl.DateTimeFormat(locale, {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1)));
}
