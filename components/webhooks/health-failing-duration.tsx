import { useTranslations } from "next-intl";
import { failingFor } from "@/lib/health/series";

/** "3 h", "12 min", "4 days": how long a webhook has been failing, as of `now` (the page's render time). */
export function useFailingDuration(): (since: string, now: Date) => string {
  const t = useTranslations("Health.duration");
  return (since, now) => {
    const { unit, value } = failingFor(since, now);
    return t(unit, { count: value });
  };
}
