import Link from "next/link";

export type TDisclosureRow = {
  id: string;
  disclosedAt: Date;
  recipientName: string;
  recipientAddress: string;
  legalBasis: string;
  supersedesId: string | null;
  supersededById: string | null;
  content: { description: string; purpose: string | null; requestCopy: string | null } | "erased";
};

const day = (d: Date) => d.toISOString().slice(0, 10);
const short = (id: string) => id.slice(0, 8);

/** The register, newest first; current entries link to their correction form. */
export function DisclosureTable({
  rows,
  legalBases,
  correctHref,
}: {
  rows: TDisclosureRow[];
  legalBases: Record<string, string>;
  correctHref: (id: string) => string;
}) {
  return (
    <table aria-label="Disclosures">
      <thead>
        <tr>
          <th>Date</th>
          <th>Recipient</th>
          <th>PHI disclosed</th>
          <th>Purpose or request</th>
          <th>Legal basis</th>
          <th>Entry</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} id={`disclosure-${r.id}`} className={r.supersededById ? "muted" : undefined}>
            <td className="mono">{day(r.disclosedAt)}</td>
            <td>
              {r.content === "erased" && !r.recipientName ? (
                <span className="muted">erased</span>
              ) : (
                <>
                  {r.recipientName}
                  <br />
                  <span className="muted">{r.recipientAddress || "address unknown"}</span>
                </>
              )}
            </td>
            {r.content === "erased" ? (
              <td colSpan={2}>
                <span className="badge warn">erased</span> the patient&apos;s key was destroyed
              </td>
            ) : (
              <>
                <td>{r.content.description}</td>
                <td>
                  {r.content.purpose}
                  {r.content.purpose && r.content.requestCopy && <br />}
                  {r.content.requestCopy && <span className="muted">Request: {r.content.requestCopy}</span>}
                </td>
              </>
            )}
            <td>{legalBases[r.legalBasis] ?? r.legalBasis}</td>
            <td>
              <span className="mono">{short(r.id)}</span>{" "}
              {r.supersededById ? (
                <span className="badge warn">superseded by {short(r.supersededById)}</span>
              ) : (
                <span className="badge ok">current</span>
              )}
              {r.supersedesId && (
                <>
                  <br />
                  <span className="muted">corrects {short(r.supersedesId)}</span>
                </>
              )}
              {!r.supersededById && r.content !== "erased" && (
                <>
                  <br />
                  <Link href={correctHref(r.id)}>Correct entry {short(r.id)}</Link>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
