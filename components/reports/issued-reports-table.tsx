import { REPORT_CATALOG } from "@/lib/reports/issue/report-catalog";
import type { TIssuedReportSummary } from "@/lib/reports/issue/list-issued-reports";

const TITLES: Record<string, string> = Object.fromEntries(REPORT_CATALOG.map((e) => [e.type, e.title]));
const utc = (iso: string) => `${iso.replace("T", " ").slice(0, 19)} UTC`;

/** Issued reports with a download link for each evidence bundle (every download is audited). */
export function IssuedReportsTable({
  reports,
  bundleHref = (id) => `/api/reports/${id}/bundle`,
}: {
  reports: TIssuedReportSummary[];
  /** Where a row's bundle downloads from (a patient's own reports come from /api/me/reports). */
  bundleHref?: (id: string) => string;
}) {
  if (reports.length === 0) return <p className="muted">No report has been issued yet.</p>;
  return (
    <table aria-label="Issued reports">
      <thead>
        <tr>
          <th>Issued</th>
          <th>Report</th>
          <th>Checkpoint</th>
          <th>Witnesses</th>
          <th>Evidence bundle</th>
        </tr>
      </thead>
      <tbody>
        {reports.map((r) => (
          <tr key={r.id}>
            <td className="mono">{utc(r.issuedAt)}</td>
            <td>{TITLES[r.reportType] ?? r.reportType}</td>
            <td>{r.bundle ? r.bundle.checkpointSize.toLocaleString("en-US") : "—"}</td>
            <td>
              {r.bundle ? (
                <span className={`badge ${r.bundle.quorumMet ? "ok" : "bad"}`}>
                  {r.bundle.quorumMet ? "quorum met" : "quorum not met"}
                </span>
              ) : (
                "—"
              )}
            </td>
            <td>
              {r.bundle ? (
                <a href={bundleHref(r.id)} download>
                  Download ZIP ({Math.ceil(r.bundle.bytes / 1024).toLocaleString("en-US")} KB)
                </a>
              ) : (
                <span className="muted">not ready</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
