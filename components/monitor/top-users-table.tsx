import Link from "next/link";
import { ROLE_LABEL } from "@/lib/access/permissions";
import type { TTopUser } from "@/lib/monitor/patterns/top-users";

const ROLE_LABELS: Record<string, string> = ROLE_LABEL;

/** "+4 (+50%)", "−3 (−25%)", "new" when there was nothing before, "no change". */
export function describeChange(current: number, previous: number): string {
  const d = current - previous;
  if (d === 0) return "no change";
  if (previous === 0) return `+${current} (new)`;
  const pct = Math.round((d / previous) * 100);
  return d > 0 ? `+${d} (+${pct}%)` : `−${-d} (−${-pct}%)`;
}

export function TopUsersTable({ rows, days }: { rows: TTopUser[]; days: string }) {
  if (rows.length === 0) return <p className="muted">No patient data was reached in this period.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Staff member</th>
          <th scope="col">Role</th>
          <th scope="col">Department</th>
          <th scope="col" className="num">
            Patients
          </th>
          <th scope="col" className="num">
            Period before
          </th>
          <th scope="col">Change</th>
          <th scope="col">
            <span className="sr-only">Staff member&apos;s card</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((u) => (
          <tr key={u.userId}>
            <td>
              {u.displayName ? (
                <Link href={`/dashboard/patterns?user=${u.userId}&days=${days}`}>{u.displayName}</Link>
              ) : (
                <span className="muted">Account no longer on file</span>
              )}
            </td>
            <td>{u.role ? (ROLE_LABELS[u.role] ?? u.role) : "—"}</td>
            <td>{u.department ?? "—"}</td>
            <td className="num">{u.patients.toLocaleString("en-US")}</td>
            <td className="num">{u.previous.toLocaleString("en-US")}</td>
            <td>{describeChange(u.patients, u.previous)}</td>
            <td>
              {u.displayName && (
                <Link href={`/explorer/users/${u.userId}`} aria-label={`${u.displayName}'s card`}>
                  Card
                </Link>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
