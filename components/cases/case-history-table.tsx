import type { TCaseHistoryStep } from "@/lib/monitor/cases/get-privacy-case";
import { utc } from "./clock-badge";

const ACTION_LABEL: Record<string, string> = {
  opened: "Opened from escalated alerts",
  alerts_added: "Alerts added",
  intake: "Intake changed",
  assign: "Owner changed",
  start_investigation: "Investigation started",
  assess: "Risk assessment recorded",
  determine: "Determination recorded",
  notify: "Notification recorded",
  close: "Closed",
  note: "Note added",
};

/** What one step set, in words: codes and dates only (notes show in their own section). */
function detail(s: TCaseHistoryStep): string {
  const parts: string[] = [];
  if (s.alertIds.length) parts.push(`${s.alertIds.length} alert${s.alertIds.length === 1 ? "" : "s"}`);
  if (s.owner) parts.push(`owner ${s.owner}`);
  if (s.discoveredAt) parts.push(`discovered ${utc(s.discoveredAt)} (${s.discoveredHow})`);
  if (s.conclusion) parts.push(`conclusion ${s.conclusion.replace(/_/g, " ")}`);
  if (s.determination) parts.push(`${s.determination.replace(/_/g, " ")}, sanction tier ${s.sanctionTier}`);
  if (s.notifiedAt) parts.push(`notified ${utc(s.notifiedAt)}`);
  return parts.join("; ");
}

export function CaseHistoryTable({ steps }: { steps: readonly TCaseHistoryStep[] }) {
  return (
    <div className="table-scroll">
      <table aria-label="Case history">
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>Change</th>
            <th>State</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s) => (
            <tr key={s.id} data-transition-id={s.id}>
              <td className="mono">{utc(s.at)}</td>
              <td>{s.by}</td>
              <td>{ACTION_LABEL[s.action] ?? s.action}</td>
              <td>{s.fromState && s.fromState !== s.toState ? `${s.fromState} → ${s.toState}` : s.toState}</td>
              <td>{detail(s)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
