export function StatCard({ label, value, hint }: { label: string; value: number | string; hint?: string }) {
  return (
    <div className="card stat">
      <div className="label">{label}</div>
      <div className="value">{typeof value === "number" ? value.toLocaleString("en-US") : value}</div>
      {hint && <div className="hint">{hint}</div>}
    </div>
  );
}
