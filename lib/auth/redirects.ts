// Where sign-in may send a person back to: only a path of this app in the given language, never another
// site ("//evil.example", "https://…") or an API route.
export function safeNextPath(next: string | string[] | undefined, locale: string): string {
  const fallback = `/${locale}/overview`;
  if (typeof next !== "string" || next.length > 2000) return fallback;
  if (!next.startsWith(`/${locale}/`) && next !== `/${locale}`) return fallback;
  if (next.startsWith("//") || next.includes("\\") || /[\r\n]/.test(next)) return fallback;
  return next;
}
