import type { Metadata } from "next";
import { AcknowledgeAlertButton } from "@/components/access/acknowledge-alert-button";
import { AlertTriageForm } from "@/components/alerts/alert-triage-form";
import { BulkCloseForm } from "@/components/alerts/bulk-close-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { isErasedText } from "@/lib/keys/patient-text";
import { ALERT_CLOSE_REASONS, ALERT_STATUSES, type TAlertStatus } from "@/lib/monitor/alerts/alert-status";
import { listPrivacyAlerts } from "@/lib/monitor/list-privacy-alerts";
import { RULE_DOCS } from "@/lib/monitor/rules";
import { acknowledgeAlertAction, bulkCloseAlertsAction, changeAlertAction } from "./actions";

export const metadata: Metadata = { title: "Privacy alerts" };

const when = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");
const STATUS_LABEL: Record<TAlertStatus, string> = {
  new: "New",
  under_review: "Under review",
  closed: "Closed",
  escalated: "Escalated",
};
const SEVERITY_BADGE: Record<string, string> = { critical: "bad", high: "bad", medium: "warn", low: "muted" };
const isOpen = (status: string) => status === "new" || status === "under_review";

export default async function AlertsPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  await requirePagePermission("alerts.read");
  const { status: asked } = await searchParams;
  const status = (ALERT_STATUSES as readonly string[]).includes(asked ?? "") ? (asked as TAlertStatus) : undefined;
  const alerts = await listPrivacyAlerts(getPrisma(), { status });
  const open = alerts.filter((a) => isOpen(a.status));
  const ruleDoc = (ruleId: string) => (RULE_DOCS as Record<string, string>)[ruleId] ?? "Emergency access declared.";
  return (
    <>
      <PageHeader
        title="Privacy alerts"
        subtitle="Findings of the monitoring rules and emergency (break-glass) declarations. Each alert moves from new to under review to closed (with a reason) or escalated; every step is anchored in the ledger."
      />
      <nav aria-label="Filter alerts by status" className="form-row">
        <a href="/alerts" aria-current={status === undefined ? "page" : undefined}>
          Open and recent
        </a>
        {ALERT_STATUSES.map((s) => (
          <a key={s} href={`/alerts?status=${s}`} aria-current={status === s ? "page" : undefined}>
            {STATUS_LABEL[s]}
          </a>
        ))}
      </nav>
      <section className="card">
        <h2>
          {status
            ? `${alerts.length} ${STATUS_LABEL[status].toLowerCase()} alert${alerts.length === 1 ? "" : "s"}`
            : open.length === 0
              ? "No open alerts"
              : `${open.length} open alert${open.length === 1 ? "" : "s"}`}
        </h2>
        {/* Kept mounted once its alerts are closed, so its message stays. */}
        {(status === undefined || isOpen(status)) && <BulkCloseForm action={bulkCloseAlertsAction} />}
        {alerts.length > 0 && (
          <table aria-label="Privacy alerts">
            <thead>
              <tr>
                <th>
                  <span className="sr-only">Select</span>
                </th>
                <th>Raised (UTC)</th>
                <th>Rule</th>
                <th>What happened</th>
                <th>Reason given</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {alerts.map((a) => (
                <tr key={a.id} data-alert-id={a.id}>
                  <td>
                    {isOpen(a.status) && (
                      <input
                        type="checkbox"
                        name="alertId"
                        value={a.id}
                        form="bulk-close"
                        aria-label={`Select alert ${a.ruleId} of ${when(a.createdAt)}`}
                      />
                    )}
                  </td>
                  <td className="mono">{when(a.createdAt)}</td>
                  <td>
                    <span className={`badge ${SEVERITY_BADGE[a.severity] ?? "warn"}`}>{a.severity}</span>{" "}
                    <abbr title={ruleDoc(a.ruleId)}>{a.ruleId}</abbr>
                    <br />
                    <span className="muted">P{a.priority}</span>
                  </td>
                  <td>{a.description}</td>
                  <td>
                    {a.reason === null ? (
                      "—"
                    ) : isErasedText(a.reason) ? (
                      <span className="muted">erased with the patient&apos;s data</span>
                    ) : (
                      a.reason
                    )}
                  </td>
                  <td>
                    <strong>{STATUS_LABEL[a.status as TAlertStatus] ?? a.status}</strong>
                    {a.owner && <> · {a.owner}</>}
                    {a.closeReason && (
                      <> · {ALERT_CLOSE_REASONS[a.closeReason as keyof typeof ALERT_CLOSE_REASONS] ?? a.closeReason}</>
                    )}
                    {a.acknowledgedAt && (
                      <>
                        <br />
                        {`acknowledged by ${a.acknowledgedBy ?? "—"} ${when(a.acknowledgedAt)}`}
                        {a.note !== null && (
                          <>
                            <br />
                            {isErasedText(a.note) ? (
                              <span className="muted">note erased with the patient&apos;s data</span>
                            ) : (
                              <span>Note: {a.note}</span>
                            )}
                          </>
                        )}
                      </>
                    )}
                    {isOpen(a.status) && (
                      <>
                        <AlertTriageForm
                          action={changeAlertAction.bind(null, a.id)}
                          status={a.status}
                          hasOwner={a.owner !== null}
                        />
                        <AcknowledgeAlertButton action={acknowledgeAlertAction.bind(null, a.id)} />
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
