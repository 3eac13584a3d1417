import { Link } from "@/lib/i18n/navigation";
import { buttonClasses } from "./button";

/**
 * Newest-first paging by cursor, as the delivery and audit logs page: a link back to the newest page
 * once paged, and one to the older entries while there are any. Renders nothing on a single page.
 */
export function Pager({
  base,
  older,
  paged,
  texts,
}: {
  base: string;
  older: string | null;
  paged: boolean;
  texts: { label: string; newest: string; older: string };
}) {
  if (!paged && !older) return null;
  return (
    <nav aria-label={texts.label} className="flex items-center justify-between gap-3">
      {paged ? (
        <Link href={base} className={buttonClasses("secondary", "sm")}>
          <span aria-hidden="true">«</span>
          {texts.newest}
        </Link>
      ) : (
        <span />
      )}
      {older ? (
        <Link
          href={`${base}${base.includes("?") ? "&" : "?"}before=${older}`}
          className={buttonClasses("secondary", "sm")}
        >
          {texts.older}
          <span aria-hidden="true">→</span>
        </Link>
      ) : null}
    </nav>
  );
}
