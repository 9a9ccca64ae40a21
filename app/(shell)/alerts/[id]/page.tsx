import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AcknowledgeAlertButton } from "@/components/access/acknowledge-alert-button";
import { AlertEventsTable } from "@/components/alerts/alert-events-table";
import { AlertHistoryTable } from "@/components/alerts/alert-history-table";
import { isOpenStatus, SEVERITY_BADGE, statusLabel, utcSecond } from "@/components/alerts/alert-labels";
import { AlertTriageForm } from "@/components/alerts/alert-triage-form";
import { EscalateAlertForm } from "@/components/alerts/escalate-alert-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { requestContext } from "@/lib/http/request-context";
import { isErasedText, type TPatientText } from "@/lib/keys/patient-text";
import { ALERT_CLOSE_REASONS } from "@/lib/monitor/alerts/alert-status";
import { getAlertDetail } from "@/lib/monitor/alerts/get-alert-detail";
import { listActiveOfficers } from "@/lib/monitor/alerts/list-alert-queue-options";
import { readAlertTexts } from "@/lib/monitor/alerts/read-alert-texts";
import { recordMonitorView } from "@/lib/monitor/record-monitor-view";
import { acknowledgeAlertAction, changeAlertAction, escalateAlertAction } from "../actions";

export const metadata: Metadata = { title: "Privacy alert" };

function StaffText({ text, erased }: { text: TPatientText; erased: string }) {
  return isErasedText(text) ? <span className="muted">{erased}</span> : <>{text}</>;
}

/** One alert: the finding, the events it cites, its anchored history, and the triage forms. */
export default async function AlertPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission("alerts.read");
  const prisma = getPrisma();
  const { id } = await params;
  const detail = await getAlertDetail(prisma, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const { alert: a, events, transitions } = detail;
  await recordMonitorView(
    prisma,
    { actor: user, ...requestContext(await headers()) },
    { entity: `PrivacyAlert/${a.id}`, patientIds: [a.patientId, ...events.map((e) => e.patientId)] },
  );
  const [officers, texts] = await Promise.all([listActiveOfficers(prisma), readAlertTexts(prisma, a)]);
  const open = isOpenStatus(a.status);
  const closeLabel = a.closeReason
    ? (ALERT_CLOSE_REASONS[a.closeReason as keyof typeof ALERT_CLOSE_REASONS] ?? a.closeReason)
    : null;
  return (
    <>
      <PageHeader title={`Alert: ${a.ruleId}`} subtitle={a.ruleDoc} />
      <p>
        <Link href="/alerts">← Back to the alert queue</Link>
      </p>
      <section className="card" aria-labelledby="finding-heading">
        <h2 id="finding-heading">Finding</h2>
        <dl className="facts">
          <dt>Rule</dt>
          <dd>
            <code>{a.ruleId}</code> — {a.ruleDoc}
          </dd>
          <dt>Severity</dt>
          <dd>
            <span className={`badge ${SEVERITY_BADGE[a.severity] ?? "warn"}`}>{a.severity}</span>
          </dd>
          <dt>Status</dt>
          <dd>
            <strong>{statusLabel(a.status)}</strong>
            {closeLabel && <> — {closeLabel}</>}
          </dd>
          {a.caseId && (
            <>
              <dt>Case</dt>
              <dd>
                <Link href={`/cases/${a.caseId}`}>Open the privacy case</Link>
              </dd>
            </>
          )}
          <dt>Priority</dt>
          <dd>P{a.priority}</dd>
          <dt>Owner</dt>
          <dd>{a.ownerName ?? <span className="muted">unassigned</span>}</dd>
          <dt>Raised (UTC)</dt>
          <dd className="mono">{utcSecond(a.createdAt)}</dd>
          <dt>Day of the finding</dt>
          <dd className="mono">{a.day}</dd>
          <dt>Reason code</dt>
          <dd className="mono">{a.reasonCode}</dd>
          <dt>Rule-set hash</dt>
          <dd className="mono break">{a.ruleSetHash ?? "— (a declaration, not a rule finding)"}</dd>
          <dt>Actor</dt>
          <dd>
            {a.actorId ? (
              <Link href={`/explorer?actor=${a.actorId}`}>{a.actorName ?? a.actorId}</Link>
            ) : (
              <span className="muted">
                {a.kind === "integrity" ? "none: an integrity finding about the ledger" : "a signed-out client"}
              </span>
            )}{" "}
            {a.actorId && <span className="muted">(their access events in the explorer)</span>}
          </dd>
          <dt>Patient</dt>
          <dd className="mono">{a.patientPseudonym ?? "—"}</dd>
          {texts.reason !== null && (
            <>
              <dt>Reason given</dt>
              <dd>
                <StaffText text={texts.reason} erased="erased with the patient's data" />
              </dd>
            </>
          )}
          {a.acknowledgedAt && (
            <>
              <dt>Acknowledged</dt>
              <dd>
                {`by ${a.acknowledgedByName ?? "—"}, ${utcSecond(a.acknowledgedAt)} UTC`}
                {texts.note !== null && (
                  <>
                    <br />
                    Note: <StaffText text={texts.note} erased="note erased with the patient's data" />
                  </>
                )}
              </dd>
            </>
          )}
        </dl>
      </section>
      {open && (
        <section className="card section" aria-labelledby="triage-heading">
          <h2 id="triage-heading">Triage</h2>
          <AlertTriageForm
            action={changeAlertAction.bind(null, a.id)}
            status={a.status}
            ownerId={a.ownerId}
            viewerId={user.id}
            priority={a.priority}
            officers={officers}
          />
          <h3>Escalate</h3>
          <EscalateAlertForm action={escalateAlertAction.bind(null, a.id)} />
          <h3>Acknowledge</h3>
          <p className="muted">
            Closes the alert as looked at and put away. The note is sealed under the patient&apos;s data key.
          </p>
          <AcknowledgeAlertButton action={acknowledgeAlertAction.bind(null, a.id)} />
        </section>
      )}
      <section className="card section" aria-labelledby="events-heading">
        <h2 id="events-heading">Cited access events ({events.length})</h2>
        {events.length === 0 ? (
          <p className="muted">This alert cites no access event (a declaration is anchored as its own entry).</p>
        ) : (
          <AlertEventsTable events={events} patientHref={(pid) => `/explorer?patient=${pid}`} />
        )}
      </section>
      <section className="card section" aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        <AlertHistoryTable transitions={transitions} />
      </section>
    </>
  );
}
