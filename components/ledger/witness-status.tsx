import Link from "next/link";
import type { TWitnessView } from "@/lib/ledger/witness/witness-status";
import type { TCosignedCheckpoint } from "@/lib/ledger/witness/cosigned-checkpoint";

const utc = (d: Date) => `${d.toISOString().replace("T", " ").slice(0, 19)} UTC`;

function state(w: TWitnessView) {
  if (w.lastError) return <span className="badge bad">failing</span>;
  if (w.cosignedTreeSize === null) return <span className="badge warn">not yet cosigned</span>;
  if (w.lag > 0) return <span className="badge warn">behind</span>;
  return <span className="badge ok">up to date</span>;
}

/** The witnesses that cosign the log's checkpoints, and the latest checkpoint their quorum cosigned. */
export function WitnessStatus(props: {
  witnesses: TWitnessView[];
  quorum: number;
  cosigned: TCosignedCheckpoint | null;
}) {
  const { witnesses, quorum, cosigned } = props;
  return (
    <section className="card section stack" aria-labelledby="witnesses-heading">
      <h2 id="witnesses-heading">Witnesses</h2>
      {witnesses.length === 0 ? (
        <p className="muted" style={{ margin: 0 }}>
          No witness is configured (HL_WITNESSES): checkpoints are signed by the log only, and an insider who rewrites
          and re-signs the whole ledger would not be caught by an outside party.
        </p>
      ) : (
        <>
          <p style={{ margin: 0 }}>
            Independent witnesses cosign each checkpoint only if it extends the last one they cosigned, so a rewritten
            or rolled-back ledger cannot collect their signatures. Quorum: <strong>{quorum}</strong> of{" "}
            {witnesses.length}.{" "}
            {cosigned?.quorumMet ? (
              <>
                Latest cosigned checkpoint: <strong>{cosigned.treeSize.toLocaleString("en-US")}</strong> entries (
                {cosigned.cosignedBy.join(", ") || "no cosignature needed"}).
              </>
            ) : (
              <span className="badge warn">no checkpoint has reached the quorum yet</span>
            )}{" "}
            <Link href="/api/ledger/cosigned-checkpoint">Download it</Link>.
          </p>
          <table aria-label="Witnesses">
            <thead>
              <tr>
                <th>Witness</th>
                <th>State</th>
                <th>Last cosigned size</th>
                <th>Cosigned at</th>
                <th>Lag (entries)</th>
                <th>Last error</th>
              </tr>
            </thead>
            <tbody>
              {witnesses.map((w) => (
                <tr key={w.name}>
                  <td>
                    {w.name} <span className="mono muted">{w.keyName}</span>
                  </td>
                  <td style={{ whiteSpace: "nowrap" }}>{state(w)}</td>
                  <td>{w.cosignedTreeSize?.toLocaleString("en-US") ?? "—"}</td>
                  <td className="mono">{w.cosignedAt ? utc(w.cosignedAt) : "—"}</td>
                  <td>{w.lag.toLocaleString("en-US")}</td>
                  <td>
                    {w.lastError ? (
                      <>
                        {w.lastError}{" "}
                        <span className="mono muted">
                          ({w.lastErrorAt ? utc(w.lastErrorAt) : ""}, {w.failures} in a row)
                        </span>
                      </>
                    ) : (
                      <span className="muted">none</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
