import Link from "next/link";
import type { TAlertEvent } from "@/lib/monitor/alerts/get-alert-detail";
import { utcSecond } from "./alert-labels";

const ACTION: Record<string, string> = { C: "Create", R: "Read", U: "Update", D: "Delete", E: "Execute" };
const OUTCOME: Record<string, string> = { "0": "Success", "4": "Refused", "8": "Failed" };

/** The access events an alert cites: codes, times and pseudonyms (never a name or an MRN). */
export function AlertEventsTable({
  events,
  patientHref,
}: {
  events: TAlertEvent[];
  patientHref: (id: string) => string;
}) {
  return (
    <div className="table-scroll" role="region" aria-label="Cited access events" tabIndex={0}>
      <table>
        <caption className="sr-only">The access events this alert cites, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">Time (UTC)</th>
            <th scope="col">Action</th>
            <th scope="col">Outcome</th>
            <th scope="col">Purpose</th>
            <th scope="col">Break-glass</th>
            <th scope="col">Patient</th>
            <th scope="col">Ledger index</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <td className="mono nowrap">{utcSecond(e.recorded)}</td>
              <td>
                {ACTION[e.action] ?? e.action} <span className="muted">{e.subtype}</span>
              </td>
              <td>{OUTCOME[e.outcome] ?? e.outcome}</td>
              <td>{e.purposeOfUse ?? "—"}</td>
              <td>{e.breakGlass ? <span className="badge bad">yes</span> : "no"}</td>
              <td className="mono">
                {e.patientId ? <Link href={patientHref(e.patientId)}>{e.patientPseudonym ?? e.patientId}</Link> : "—"}
              </td>
              <td className="mono">{e.ledgerIndex ?? <span className="muted">not sealed yet</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
