import Link from "next/link";
import { ALERT_CLOSE_REASONS } from "@/lib/monitor/alerts/alert-status";
import type { TAlertQueueRow } from "@/lib/monitor/alerts/list-alert-queue";
import { isOpenStatus, SEVERITY_BADGE, statusLabel, utcMinute } from "./alert-labels";

/**
 * The queue: one line per alert. An open alert's box belongs to the bulk close form
 * (form="bulk-close"); the rule links to the alert's page, where it is triaged.
 */
export function AlertQueueTable({
  rows,
  ruleDocOf,
  actorHref,
}: {
  rows: TAlertQueueRow[];
  ruleDocOf: (ruleId: string) => string;
  actorHref: (actorId: string) => string;
}) {
  return (
    <div className="table-scroll" role="region" aria-label="Alert queue" tabIndex={0}>
      <table aria-label="Privacy alerts" className="alert-queue">
        <caption className="sr-only">Privacy alerts matching the filters, newest first</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="sr-only">Select</span>
            </th>
            <th scope="col">Raised (UTC)</th>
            <th scope="col">Alert</th>
            <th scope="col">Actor → patient</th>
            <th scope="col">Owner</th>
            <th scope="col">Status</th>
            <th scope="col">Priority</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.id} data-alert-id={a.id}>
              <td>
                {isOpenStatus(a.status) && (
                  <input
                    type="checkbox"
                    name="alertId"
                    value={a.id}
                    form="bulk-close"
                    aria-label={`Select alert ${a.ruleId} of ${utcMinute(a.createdAt)}`}
                  />
                )}
              </td>
              <td className="mono nowrap">{utcMinute(a.createdAt)}</td>
              <td className="nowrap">
                <span className={`badge ${SEVERITY_BADGE[a.severity] ?? "warn"}`}>{a.severity}</span>{" "}
                <Link href={`/alerts/${a.id}`} title={ruleDocOf(a.ruleId)}>
                  {a.ruleId}
                </Link>
              </td>
              <td>
                {a.actorId ? (
                  <Link href={actorHref(a.actorId)}>{a.actorName ?? a.actorId.slice(0, 8)}</Link>
                ) : (
                  <span className="muted">signed out</span>
                )}
                {a.patientPseudonym && (
                  <>
                    {" → "}
                    <span className="mono">{a.patientPseudonym}</span>
                  </>
                )}
              </td>
              <td>{a.ownerName ?? <span className="muted">unassigned</span>}</td>
              <td className="nowrap">
                {statusLabel(a.status)}
                {a.closeReason && (
                  <>
                    {": "}
                    <abbr title={ALERT_CLOSE_REASONS[a.closeReason as keyof typeof ALERT_CLOSE_REASONS]}>
                      {a.closeReason}
                    </abbr>
                  </>
                )}
              </td>
              <td>P{a.priority}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
