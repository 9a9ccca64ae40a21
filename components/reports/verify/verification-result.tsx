import type { TBundleVerification } from "@/lib/reports/verify/verify-bundle";
import { CHECK_PARTS, partTitle } from "./check-parts";

const STATUS = {
  passed: { label: "passed", className: "badge ok" },
  failed: { label: "FAILED", className: "badge bad" },
  skipped: { label: "skipped", className: "badge warn" },
} as const;

function Verdict({ result, fileName }: { result: TBundleVerification; fileName: string }) {
  const unreadable = result.failed.find((c) => c.code === "zip-unreadable");
  if (result.ok)
    return (
      <div className="verdict ok" role="status" aria-label="Verdict">
        <strong>Verified.</strong> Every part of {fileName} checks out: {result.checks.length} checks passed or were not
        applicable.
      </div>
    );
  return (
    <div className="verdict bad" role="alert" aria-label="Verdict">
      {unreadable ? (
        <>
          <strong>Not an evidence bundle.</strong> {fileName} could not be opened: {unreadable.message}.
        </>
      ) : (
        <>
          <strong>Not verified.</strong> {result.failed.length} check{result.failed.length === 1 ? "" : "s"} of{" "}
          {fileName} failed:
          <ul>
            {result.failed.map((c, i) => (
              <li key={i}>
                <span className="mono">{c.file ?? "the bundle"}</span> — {partTitle(c.part)}: {c.message}{" "}
                <code>{c.code}</code>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function Summary({ result }: { result: TBundleVerification }) {
  const p = result.predicate;
  if (!p && !result.checkpoint) return null;
  return (
    <dl className="facts">
      {p && (
        <>
          <dt>Report</dt>
          <dd>
            <code>{p.reportType}</code> for <code>{p.scope}</code>
          </dd>
          <dt>Period</dt>
          <dd className="mono">
            {p.period.start} – {p.period.end}
          </dd>
          <dt>Issued</dt>
          <dd className="mono">{p.issuedAt}</dd>
        </>
      )}
      {result.checkpoint && (
        <>
          <dt>Checkpoint</dt>
          <dd>
            <code>{result.checkpoint.origin}</code> at tree size {result.checkpoint.treeSize.toLocaleString("en-US")}
          </dd>
          <dt>Cosigned by</dt>
          <dd>{result.cosignedBy.join(", ") || "no witness"}</dd>
          <dt>Cited events</dt>
          <dd>{result.citedLeaves.toLocaleString("en-US")}</dd>
        </>
      )}
    </dl>
  );
}

/** The verdict, what the report is, and every check by part, as verifyEvidenceBundle returned them. */
export function VerificationResult({ result, fileName }: { result: TBundleVerification; fileName: string }) {
  return (
    <div className="stack">
      <Verdict result={result} fileName={fileName} />
      <Summary result={result} />
      <table aria-label="Checks">
        <thead>
          <tr>
            <th scope="col">Result</th>
            <th scope="col">File</th>
            <th scope="col">What was found</th>
          </tr>
        </thead>
        {CHECK_PARTS.map(({ part, title, what }) => {
          const checks = result.checks.filter((c) => c.part === part);
          if (checks.length === 0) return null;
          return (
            <tbody key={part} aria-label={title}>
              <tr className="check-part">
                <th scope="rowgroup" colSpan={3}>
                  {title} <span className="muted">— {what}</span>
                </th>
              </tr>
              {checks.map((c, i) => (
                <tr key={i} className={c.status === "failed" ? "check-failed" : undefined}>
                  <td>
                    <span className={STATUS[c.status].className}>{STATUS[c.status].label}</span>
                  </td>
                  <td className="mono nowrap">{c.file ?? "—"}</td>
                  <td>
                    {c.message}
                    {c.status !== "passed" && (
                      <>
                        {" "}
                        <code>{c.code}</code>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          );
        })}
      </table>
    </div>
  );
}
