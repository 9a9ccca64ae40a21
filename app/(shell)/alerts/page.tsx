import type { Metadata } from "next";
import { AcknowledgeAlertButton } from "@/components/access/acknowledge-alert-button";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { isErasedText } from "@/lib/keys/patient-text";
import { listPrivacyAlerts } from "@/lib/monitor/list-privacy-alerts";
import { acknowledgeAlertAction } from "./actions";

export const metadata: Metadata = { title: "Privacy alerts" };

const when = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");

export default async function AlertsPage() {
  await requirePagePermission("alerts.read");
  const alerts = await listPrivacyAlerts(getPrisma());
  const open = alerts.filter((a) => a.status === "new" || a.status === "under_review");
  return (
    <>
      <PageHeader
        title="Privacy alerts"
        subtitle="Emergency (break-glass) access and other events a compliance officer should review. The access events of a break-glass window carry purpose of use ETREAT."
      />
      <section className="card">
        <h2>{open.length === 0 ? "No open alerts" : `${open.length} open alert${open.length === 1 ? "" : "s"}`}</h2>
        {alerts.length > 0 && (
          <table aria-label="Privacy alerts">
            <thead>
              <tr>
                <th>Raised (UTC)</th>
                <th>Kind</th>
                <th>What happened</th>
                <th>Reason given</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {alerts.map((a) => (
                <tr key={a.id}>
                  <td className="mono">{when(a.createdAt)}</td>
                  <td>
                    <span className={`badge ${a.severity === "high" ? "bad" : "warn"}`}>
                      {a.kind.replace("_", "-")}
                    </span>
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
                    {a.acknowledgedAt ? (
                      <>
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
                    ) : (
                      <AcknowledgeAlertButton action={acknowledgeAlertAction.bind(null, a.id)} />
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
