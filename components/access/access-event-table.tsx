export type TAccessEventRow = {
  id: string;
  recorded: Date;
  type: string;
  subtype: string;
  action: string;
  outcome: string;
  outcomeDesc: string | null;
  entityWhat: string | null;
  network: string | null;
};

const SUBTYPE_LABEL: Record<string, string> = { "110122": "Sign-in", "110123": "Sign-out" };

export function AccessEventTable({ events, empty }: { events: TAccessEventRow[]; empty: string }) {
  if (!events.length) return <p className="muted">{empty}</p>;
  return (
    <table>
      <thead>
        <tr><th>When (UTC)</th><th>Event</th><th>Outcome</th><th>Detail</th></tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id}>
            <td className="mono">{e.recorded.toISOString().replace("T", " ").slice(0, 19)}</td>
            <td>{SUBTYPE_LABEL[e.subtype] ?? `${e.type}/${e.subtype}`}</td>
            <td>{e.outcome === "0" ? <span className="badge ok">success</span> : <span className="badge bad">failed</span>}</td>
            <td className="muted">{e.outcomeDesc ?? e.entityWhat ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
