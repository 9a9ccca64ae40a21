import Link from "next/link";
import { ROLE_LABEL } from "@/lib/access/permissions";
import { ADMIN_ACTIONS, type TAdminActionCode } from "@/lib/auth/record-admin-action";
import type { TAdminActionEntry } from "@/lib/admin/list-admin-actions";

function what(a: TAdminActionEntry): string {
  const label = ADMIN_ACTIONS[a.action as TAdminActionCode] ?? a.action;
  const d = a.details;
  if (d.fromRole && d.toRole) return `${label}: ${ROLE_LABEL[d.fromRole]} → ${ROLE_LABEL[d.toRole]}`;
  return d.treeSize !== undefined ? `${label} at tree size ${d.treeSize.toLocaleString("en-US")}` : label;
}

export function AdminHistoryTable({ entries }: { entries: TAdminActionEntry[] }) {
  if (entries.length === 0) return <p className="muted">No admin actions yet.</p>;
  return (
    <table aria-label="Admin actions">
      <thead>
        <tr>
          <th>When (UTC)</th>
          <th>Who</th>
          <th>What</th>
          <th>Whose account</th>
          <th>Ledger</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((a) => (
          <tr key={a.id}>
            <td className="mono">{a.createdAt.toISOString().slice(0, 19).replace("T", " ")}</td>
            <td>{a.actor.displayName}</td>
            <td>
              <span className="mono">{a.action}</span> — {what(a)}
            </td>
            <td>{a.target ? <Link href={`/admin/users/${a.target.id}`}>{a.target.displayName}</Link> : "—"}</td>
            <td>
              {a.ledgerIndex === null ? (
                <span className="badge warn">queued</span>
              ) : (
                <span className="badge ok">#{a.ledgerIndex}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
