import type { TAlertTransition } from "@/lib/monitor/alerts/get-alert-detail";
import { statusLabel, utcSecond } from "./alert-labels";

/** An alert's anchored history, oldest first, with each step's ledger index once sealed. */
export function AlertHistoryTable({ transitions }: { transitions: TAlertTransition[] }) {
  return (
    <div className="table-scroll" role="region" aria-label="Alert history" tabIndex={0}>
      <table>
        <caption className="sr-only">Every change of this alert, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">When (UTC)</th>
            <th scope="col">Who</th>
            <th scope="col">From → to</th>
            <th scope="col">Reason code</th>
            <th scope="col">Owner</th>
            <th scope="col">Priority</th>
            <th scope="col">Ledger index</th>
          </tr>
        </thead>
        <tbody>
          {transitions.map((t) => (
            <tr key={t.id}>
              <td className="mono nowrap">{utcSecond(t.createdAt)}</td>
              <td>{t.byName ?? (t.byId ? t.byId.slice(0, 8) : <span className="muted">the monitor</span>)}</td>
              <td>
                {t.fromStatus === null ? "raised" : statusLabel(t.fromStatus)} → {statusLabel(t.toStatus)}
              </td>
              <td className="mono">{t.reasonCode ?? "—"}</td>
              <td>{t.ownerName ?? (t.ownerId ? t.ownerId.slice(0, 8) : "—")}</td>
              <td>{t.priority === null ? "—" : `P${t.priority}`}</td>
              <td className="mono">{t.ledgerIndex ?? <span className="muted">not sealed yet</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
