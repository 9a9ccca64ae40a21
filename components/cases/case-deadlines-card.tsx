import Link from "next/link";
import type { TCaseDeadlines } from "@/lib/monitor/cases/get-case-deadlines";
import { ClockBadge, utc } from "./clock-badge";

/** The dashboard's open cases and their nearest notification deadlines, overdue ones marked. */
export function CaseDeadlinesCard({ deadlines }: { deadlines: TCaseDeadlines }) {
  return (
    <section className="card section" aria-labelledby="case-deadlines">
      <h2 id="case-deadlines">
        Open cases: {deadlines.open}
        {deadlines.overdue > 0 && (
          <>
            {" "}
            <span className="badge bad">{deadlines.overdue} overdue</span>
          </>
        )}
      </h2>
      {deadlines.nearest.length === 0 ? (
        <p className="muted">No notification deadline is running.</p>
      ) : (
        <table aria-label="Nearest deadlines">
          <thead>
            <tr>
              <th>Case</th>
              <th>Clock</th>
              <th>Due</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {deadlines.nearest.map((d) => (
              <tr key={d.caseId}>
                <td>
                  <Link href={`/cases/${d.caseId}`}>{d.actor}</Link>
                </td>
                <td>{d.clock.rule.label}</td>
                <td className="mono">{utc(d.clock.dueAt)}</td>
                <td>
                  <ClockBadge status={d.clock.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <Link href="/cases">All cases</Link> · <Link href="/cases?overdue=yes">Overdue cases</Link>
      </p>
    </section>
  );
}
