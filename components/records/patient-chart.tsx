import type { TChartCondition, TChartObservation } from "@/lib/vault/read-patient-chart";

const day = (iso: string | null) => (iso ? iso.replace("T", " ").slice(0, 16) : "—");

export function ConditionTable({ conditions }: { conditions: TChartCondition[] }) {
  if (!conditions.length) return <p className="muted">No conditions recorded.</p>;
  return (
    <table aria-label="Conditions">
      <thead>
        <tr>
          <th>Condition</th>
          <th>SNOMED CT</th>
          <th>Status</th>
          <th>Onset</th>
        </tr>
      </thead>
      <tbody>
        {conditions.map((c) => (
          <tr key={c.recordId}>
            <td>{c.name}</td>
            <td className="mono">{c.code ?? "—"}</td>
            <td>{c.status ?? "—"}</td>
            <td>{day(c.onset)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ObservationTable({ observations }: { observations: TChartObservation[] }) {
  if (!observations.length) return <p className="muted">No observations recorded.</p>;
  return (
    <table aria-label="Observations">
      <thead>
        <tr>
          <th>Observation</th>
          <th>Value</th>
          <th>When (UTC)</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {observations.map((o) => (
          <tr key={o.recordId}>
            <td>{o.name}</td>
            <td>
              {o.value} {o.unit}
            </td>
            <td className="mono">{day(o.effective)}</td>
            <td>
              {o.status}
              {o.version > 1 ? ` (v${o.version})` : ""}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
