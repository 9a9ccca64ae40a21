import Link from "next/link";

/** Keyset paging: newer and older pages, with no page numbers (nothing counts the whole result). */
export function ExplorerPagination({
  prevHref,
  nextHref,
  label = "Pages of access events",
}: {
  prevHref: string | null;
  nextHref: string | null;
  label?: string;
}) {
  return (
    <nav className="pagination" aria-label={label}>
      {prevHref ? (
        <Link href={prevHref} rel="prev">
          ← Previous page (newer)
        </Link>
      ) : (
        <span className="muted" aria-disabled="true">
          ← Previous page (newer)
        </span>
      )}
      {nextHref ? (
        <Link href={nextHref} rel="next">
          Next page (older) →
        </Link>
      ) : (
        <span className="muted" aria-disabled="true">
          Next page (older) →
        </span>
      )}
    </nav>
  );
}
