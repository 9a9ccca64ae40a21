import type { Metadata } from "next";
import Link from "next/link";
import { NotarizeForm } from "@/components/ledger/notarize-form";
import { VerifyButton } from "@/components/ledger/verify-button";
import { WitnessStatus } from "@/components/ledger/witness-status";
import { EngagementsTable } from "@/components/reports/engagements-table";
import { GrantEngagementForm } from "@/components/reports/grant-engagement-form";
import { IssueReportForm } from "@/components/reports/issue-report-form";
import { IssuedReportsTable } from "@/components/reports/issued-reports-table";
import { ActivitySummary } from "@/components/monitor/activity-summary";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import { can } from "@/lib/access/permissions";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { bytesToBase64 } from "@/lib/ledger/tlog/encoding";
import { getLedgerStatus } from "@/lib/ledger/proofs/get-ledger-status";
import { listBlocks } from "@/lib/ledger/proofs/list-blocks";
import { listRefusedEntries } from "@/lib/ledger/seal/list-refused-entries";
import { listVerificationRuns } from "@/lib/ledger/verify/list-verification-runs";
import { getLogKeys } from "@/lib/ledger/log-keys";
import { latestCosignedCheckpoint } from "@/lib/ledger/witness/cosigned-checkpoint";
import { listWitnessStatus } from "@/lib/ledger/witness/witness-status";
import { getOverview } from "@/lib/monitor/get-overview";
import { ENGAGEMENT_REPORT_TYPES } from "@/lib/reports/engagements/engagement-types";
import { listAuditorAccounts, listEngagements } from "@/lib/reports/engagements/list-engagements";
import { listIssuedReports } from "@/lib/reports/issue/list-issued-reports";
import { REPORT_CATALOG } from "@/lib/reports/issue/report-catalog";
import type { TSequencerHealth } from "@/lib/ops/health/health.types";
import { readHealth } from "@/lib/ops/health/read-health";
import { issueReportAction } from "./actions";
import { grantEngagementAction, revokeEngagementAction } from "./engagement-actions";
import { issuePatientReportAction } from "./patient-report-actions";

export const metadata: Metadata = { title: "Audit evidence" };

const utc = (d: Date) => `${d.toISOString().replace("T", " ").slice(0, 19)} UTC`;
/** "sequencer lag 0.4 s" (the oldest unsealed leaf's wait), or why it is behind or unknown. */
function sequencerLag(s: TSequencerHealth): string {
  if (s.status !== "ok") return s.message;
  return s.oldestPendingAgeSeconds === null
    ? "sequencer lag: none waiting"
    : `sequencer lag ${s.oldestPendingAgeSeconds.toFixed(1)} s`;
}

const TITLES = Object.fromEntries(REPORT_CATALOG.map((e) => [e.type, e.title]));

export default async function AuditEvidencePage() {
  const user = await requirePagePermission("ledger.read");
  const [status, blocks, runs, refused, overview, witnesses, cosigned, reports, health] = await Promise.all([
    getLedgerStatus(),
    listBlocks({ limit: 8 }),
    listVerificationRuns(getPrisma(), { limit: 8 }),
    listRefusedEntries(getPrisma(), { limit: 20 }),
    getOverview(getPrisma()),
    listWitnessStatus(),
    latestCosignedCheckpoint(),
    can(user.role, "reports.read") ? listIssuedReports(getPrisma(), new URLSearchParams({ limit: "10" }), user) : null,
    // The sequencer's lag as GET /api/health reports it: the same reading, shared for a second.
    readHealth(),
  ]);
  const manages = can(user.role, "engagements.manage");
  const [engagements, auditors] = await Promise.all([
    can(user.role, "engagements.read") ? listEngagements(getPrisma(), user) : [],
    manages ? listAuditorAccounts(getPrisma()) : [],
  ]);
  // An auditor is offered only the types their active engagements cover; reports.all holders every one.
  const issuable = can(user.role, "reports.all")
    ? undefined
    : [...new Set(engagements.filter((e) => e.status === "active").flatMap((e) => e.reportTypes))];
  const keys = getLogKeys();
  return (
    <>
      <PageHeader
        title="Audit evidence"
        subtitle="Verifiable evidence of what happened to health data, without access to the data itself."
      />
      <div className="grid stats">
        <StatCard label="Ledger entries" value={status.latest?.treeSize ?? 0} hint="signed tree size" />
        <StatCard
          label="Blocks"
          value={status.latest ? status.latest.height + 1 : 0}
          hint={status.latest ? `last sealed ${utc(status.latest.sealedAt)}` : "nothing sealed yet"}
        />
        <StatCard label="Waiting to be sealed" value={status.queued} hint={sequencerLag(health.checks.sequencer)} />
        <StatCard
          label="Last verification"
          value={status.lastRun ? (status.lastRun.ok ? "passed" : "FAILED") : "never"}
          hint={status.lastRun ? `${utc(status.lastRun.finishedAt)}` : undefined}
        />
      </div>

      <div className="grid two section">
        <section className="card stack">
          <h2>Latest signed checkpoint</h2>
          {status.latest ? (
            // Focusable, so a keyboard user can scroll a note wider than the card (WCAG 2.1.1).
            <pre className="note" aria-label="Latest checkpoint" tabIndex={0}>
              {status.latest.checkpoint}
            </pre>
          ) : (
            <p className="muted">No checkpoint yet.</p>
          )}
          <p className="muted" style={{ margin: 0 }}>
            Verify it with the log&apos;s public key <code>{keys.verifierKey}</code>, also served at{" "}
            <Link href="/.well-known/healthledger/log-key">/.well-known/healthledger/log-key</Link>.
          </p>
        </section>
        <section className="card stack">
          <h2>Integrity</h2>
          {can(user.role, "ledger.verify") && <VerifyButton />}
          <table>
            <thead>
              <tr>
                <th>Run</th>
                <th>Tree size</th>
                <th>Result</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id}>
                  <td className="mono">{utc(r.startedAt)}</td>
                  <td>{r.treeSize.toLocaleString("en-US")}</td>
                  <td>
                    {r.ok ? (
                      <span className="badge ok">verified</span>
                    ) : (
                      <span className="badge bad">{r.findingCount} finding(s)</span>
                    )}
                  </td>
                </tr>
              ))}
              {!runs.length && (
                <tr>
                  <td colSpan={3} className="muted">
                    No verification has run yet.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </section>
      </div>

      {can(user.role, "engagements.read") && (
        <section className="card section stack" aria-labelledby="engagements-heading">
          <h2 id="engagements-heading">{manages ? "Audit engagements" : "Your audit engagements"}</h2>
          <p className="muted" style={{ margin: 0 }}>
            {manages
              ? "An engagement lets one auditor issue and download reports of the types listed, covering its period, until it expires or is revoked. Grants and revocations are anchored in the ledger."
              : "You may issue and download reports of the types listed, covering the period, while an engagement is active."}
          </p>
          {manages && (
            <GrantEngagementForm
              action={grantEngagementAction}
              auditors={auditors}
              types={ENGAGEMENT_REPORT_TYPES.map((t) => ({ type: t, title: TITLES[t] ?? t }))}
            />
          )}
          <EngagementsTable
            engagements={engagements}
            titles={TITLES}
            revoke={manages ? revokeEngagementAction : undefined}
          />
        </section>
      )}

      {reports && (
        <section className="card section stack" aria-labelledby="reports-heading">
          <h2 id="reports-heading">Reports</h2>
          <p className="muted" style={{ margin: 0 }}>
            A signed evidence bundle (PDF, data, proofs and the witnesses&apos; cosignatures) that anyone can check
            offline with <code style={{ whiteSpace: "nowrap" }}>npm run healthledger -- verify-report</code> or in the
            browser on <Link href="/verify">Verify a report</Link> (nothing is uploaded). Issuing and every download are
            recorded.
          </p>
          {can(user.role, "reports.issue") &&
            (issuable?.length === 0 ? (
              <p className="muted">You have no active audit engagement: a compliance officer can grant you one.</p>
            ) : (
              <IssueReportForm action={issueReportAction} types={issuable} />
            ))}
          {can(user.role, "reports.all") && (
            <section className="stack" aria-labelledby="patient-reports-heading">
              <h3 id="patient-reports-heading" style={{ margin: 0 }}>
                About one patient
              </h3>
              <IssueReportForm
                action={issuePatientReportAction}
                scope="patient"
                askMrn
                label="Issue a report about one patient"
              />
            </section>
          )}
          <IssuedReportsTable reports={reports.reports} />
        </section>
      )}

      <WitnessStatus witnesses={witnesses.witnesses} quorum={witnesses.quorum} cosigned={cosigned} />

      <ActivitySummary overview={overview} />

      <section className="card section" aria-labelledby="refused-heading">
        <h2 id="refused-heading">Refused ledger writes</h2>
        {refused.total === 0 ? (
          <p className="muted" style={{ margin: 0 }}>
            None: every queued entry carried a valid writer signature and was sealed.
          </p>
        ) : (
          <>
            <p style={{ marginTop: 0 }}>
              <span className="badge bad">{refused.total} refused</span> The sequencer would not seal these queue
              entries: they were not written by the app (no valid writer MAC), or were backdated or replayed. They are
              kept as evidence and stay a verification finding.
            </p>
            <table aria-label="Refused ledger writes">
              <thead>
                <tr>
                  <th>Kind</th>
                  <th>Row id</th>
                  <th>Reason</th>
                  <th>Recorded</th>
                  <th>Queued</th>
                  <th>Refused</th>
                </tr>
              </thead>
              <tbody>
                {refused.entries.map((r) => (
                  <tr key={r.queueId + r.refusedAt.toISOString()}>
                    <td className="mono">{r.kind.slice(0, 40)}</td>
                    <td className="mono">{r.rowId}</td>
                    <td title={r.reasonText ?? undefined}>{r.reasonLabel ?? <code>{r.reason.slice(0, 40)}</code>}</td>
                    <td className="mono">{utc(r.recordedAt)}</td>
                    <td className="mono">{utc(r.enqueuedAt)}</td>
                    <td className="mono">{utc(r.refusedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>

      <section className="card section">
        <h2>Chained blocks</h2>
        <table>
          <thead>
            <tr>
              <th>Height</th>
              <th>Tree size</th>
              <th>Root (base64)</th>
              <th>Previous block hash</th>
              <th>Sealed</th>
            </tr>
          </thead>
          <tbody>
            {blocks.blocks.map((b) => (
              <tr key={b.height}>
                <td>{b.height}</td>
                <td>{b.treeSize.toLocaleString("en-US")}</td>
                <td>
                  <span className="mono truncate" title={bytesToBase64(b.rootHash)}>
                    {bytesToBase64(b.rootHash)}
                  </span>
                </td>
                <td>
                  <span className="mono truncate" title={bytesToBase64(b.prevHash)}>
                    {bytesToBase64(b.prevHash)}
                  </span>
                </td>
                <td className="mono">{utc(b.sealedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {can(user.role, "ledger.notarize") && (
        <section className="card section">
          <h2>Notarize a file</h2>
          <p className="muted">
            Time-stamp a research dataset or an export: its SHA-256 is computed in your browser and anchored in the
            ledger. The file never leaves your computer.
          </p>
          <NotarizeForm />
        </section>
      )}
    </>
  );
}
