import Link from "next/link";

export function StatCard({
  label,
  value,
  hint,
  link,
}: {
  label: string;
  value: number | string;
  hint?: string;
  /** Where the figure's events can be browsed (the access explorer, filtered). */
  link?: { href: string; text: string };
}) {
  return (
    <div className="card stat">
      <div className="label">{label}</div>
      <div className="value">{typeof value === "number" ? value.toLocaleString("en-US") : value}</div>
      {hint && <div className="hint">{hint}</div>}
      {link && (
        <Link className="stat-link" href={link.href}>
          {link.text}
        </Link>
      )}
    </div>
  );
}
