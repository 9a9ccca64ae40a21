import { ALERT_CLOSE_REASONS } from "@/lib/monitor/alerts/alert-status";

/** The fixed list of reasons an alert is closed for ("acknowledged" belongs to the Acknowledge button). */
export function CloseReasonSelect({ id, required }: { id: string; required?: boolean }) {
  return (
    <select id={id} name="reasonCode" required={required} defaultValue="">
      <option value="" disabled>
        Choose a reason…
      </option>
      {Object.entries(ALERT_CLOSE_REASONS)
        .filter(([code]) => code !== "acknowledged")
        .map(([code, label]) => (
          <option key={code} value={code}>
            {label}
          </option>
        ))}
    </select>
  );
}
