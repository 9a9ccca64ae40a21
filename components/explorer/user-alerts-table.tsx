import Link from "next/link";
import type { TUserCard } from "@/lib/monitor/people/read-user-card";

const SEVERITY_BADGE: Record<string, string> = { critical: "bad", high: "bad", medium: "warn", low: "muted" };

/** The latest privacy alerts about one staff member, each linking to the alert. */
export function UserAlertsTable({ alerts, actorId }: { alerts: TUserCard["alerts"]["recent"]; actorId: string }) {
  if (alerts.length === 0) return <p className="muted">No privacy alert has been raised about this person.</p>;
  return (
    <>
      <table>
        <caption className="sr-only">The latest privacy alerts about this person, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Rule</th>
            <th scope="col">Severity</th>
            <th scope="col">Status</th>
            <th scope="col">Patient</th>
          </tr>
        </thead>
        <tbody>
          {alerts.map((a) => (
            <tr key={a.id}>
              <td className="mono">
                <Link href={`/alerts/${a.id}`}>{a.day}</Link>
              </td>
              <td>{a.ruleId}</td>
              <td>
                <span className={`badge ${SEVERITY_BADGE[a.severity] ?? "warn"}`}>{a.severity}</span>
              </td>
              <td>{a.status.replace("_", " ")}</td>
              <td className="mono">{a.patientPseudonym ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <Link href={`/alerts?actor=${actorId}`}>Every alert about this person</Link>
      </p>
    </>
  );
}
