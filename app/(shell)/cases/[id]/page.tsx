import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ClockBadge, utc } from "@/components/cases/clock-badge";
import { CaseHistoryTable } from "@/components/cases/case-history-table";
import {
  AssessmentForm,
  CaseButton,
  DeterminationForm,
  IntakeForm,
  NoteForm,
  NotifyForm,
} from "@/components/cases/case-work-forms";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/access/permissions";
import { requirePagePermission } from "@/lib/auth/guards";
import { requestContext } from "@/lib/http/request-context";
import { getPrisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import {
  BREACH_EXCEPTIONS,
  CASE_STATE_LABEL,
  DETERMINATIONS,
  DISCOVERY_METHODS,
  RISK_FACTORS,
  SANCTION_TIERS,
  type TCaseState,
  type TRiskFactor,
} from "@/lib/monitor/cases/case-codes";
import { getPrivacyCase } from "@/lib/monitor/cases/get-privacy-case";
import { recordMonitorView } from "@/lib/monitor/record-monitor-view";
import { changeCaseAction } from "../actions";

export const metadata: Metadata = { title: "Privacy case" };

const OUTCOME: Record<string, string> = { "0": "allowed", "4": "denied", "8": "failed" };

export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission("cases.read");
  const { id } = await params;
  const c = await getPrivacyCase(getPrisma(), id).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  await recordMonitorView(
    getPrisma(),
    { actor: user, ...requestContext(await headers()) },
    { entity: `PrivacyCase/${c.id}`, patientIds: c.patientIds },
  );
  const manage = can(user.role, "cases.manage");
  const act = changeCaseAction.bind(null, c.id);
  const open = c.state !== "closed";
  const notBreach = c.determination === "explained" || c.determination === "violation_not_breach";
  return (
    <>
      <PageHeader
        title={`Case: ${c.actor.name}`}
        subtitle={`${CASE_STATE_LABEL[c.state as TCaseState] ?? c.state}${c.owner ? `, owned by ${c.owner.name}` : ""}. Opened ${utc(c.openedAt)}; every change below is anchored in the ledger.`}
      />
      <p>
        <Link href="/cases">All cases</Link>
      </p>
      <div className="grid two">
        <section className="card stack" aria-labelledby="intake">
          <h2 id="intake">Intake</h2>
          <dl>
            <dt>Staff member</dt>
            <dd>
              {c.actor.name}
              {c.actor.department && ` (${c.actor.department})`}
            </dd>
            <dt>Discovered</dt>
            <dd>
              {utc(c.discoveredAt)},{" "}
              {DISCOVERY_METHODS[c.discoveredHow as keyof typeof DISCOVERY_METHODS] ?? c.discoveredHow}
            </dd>
            <dt>Owner</dt>
            <dd>{c.owner?.name ?? "—"}</dd>
          </dl>
          {manage && open && c.owner?.id !== user.id && (
            <CaseButton action={act} change="assign" label="Take the case" />
          )}
          {manage && c.state === "intake" && (
            <CaseButton action={act} change="start_investigation" label="Start the investigation" />
          )}
          {manage && (c.state === "intake" || c.state === "investigating") && (
            <IntakeForm action={act} discoveredAt={c.discoveredAt} discoveredHow={c.discoveredHow} />
          )}
        </section>
        <section className="card stack" aria-labelledby="clocks">
          <h2 id="clocks">Notification clocks</h2>
          <table aria-label="Notification clocks">
            <thead>
              <tr>
                <th>Clock</th>
                <th>Due</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {c.clocks.map((k) => (
                <tr key={k.rule.id}>
                  <td>
                    {k.rule.label}
                    <br />
                    <span className="muted">{k.rule.citation}</span>
                  </td>
                  <td className="mono">{utc(k.dueAt)}</td>
                  <td>
                    <ClockBadge status={k.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">
            {c.notifiedAt
              ? `Notification recorded: ${utc(c.notifiedAt)}.`
              : "Business days are weekdays; public holidays are not counted out."}
          </p>
          {manage && open && c.state !== "intake" && !c.notifiedAt && !notBreach && <NotifyForm action={act} />}
        </section>
      </div>

      <section className="card section" aria-labelledby="alerts">
        <h2 id="alerts">Alerts ({c.alerts.length})</h2>
        <table aria-label="Alerts in this case">
          <thead>
            <tr>
              <th>Raised</th>
              <th>Rule</th>
              <th>Finding</th>
              <th>Events</th>
            </tr>
          </thead>
          <tbody>
            {c.alerts.map((a) => (
              <tr key={a.id}>
                <td className="mono">{utc(a.raisedAt)}</td>
                <td>
                  <span className="badge">{a.severity}</span> {a.ruleId}
                </td>
                <td>{a.summary}</td>
                <td>{a.events}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card section" aria-labelledby="accesses">
        <h2 id="accesses">
          Accesses involved ({c.accesses.length}
          {c.accessesTruncated ? ", the first ones" : ""})
        </h2>
        <div className="table-scroll">
          <table aria-label="Accesses involved">
            <thead>
              <tr>
                <th>Recorded</th>
                <th>Patient (pseudonym)</th>
                <th>What</th>
                <th>Outcome</th>
                <th>Purpose</th>
              </tr>
            </thead>
            <tbody>
              {c.accesses.map((e) => (
                <tr key={e.id}>
                  <td className="mono">{utc(e.recorded)}</td>
                  <td className="mono">{e.patient ?? "—"}</td>
                  <td>
                    {e.subtype} ({e.action})
                  </td>
                  <td>{OUTCOME[e.outcome] ?? e.outcome}</td>
                  <td>{e.purposeOfUse ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card section stack" aria-labelledby="notes">
        <h2 id="notes">Notes</h2>
        {c.notes.length === 0 ? (
          <p className="muted">No notes yet.</p>
        ) : (
          <ul aria-label="Case notes">
            {c.notes.map((n) => (
              <li key={n.id}>
                <span className="muted">
                  {utc(n.at)}, {n.by}:
                </span>{" "}
                {n.text}
              </li>
            ))}
          </ul>
        )}
        {manage && <NoteForm action={act} />}
      </section>

      <section className="card section stack" aria-labelledby="assessment">
        <h2 id="assessment">Breach risk assessment (45 CFR 164.402)</h2>
        {c.assessment ? (
          <>
            <p>
              <strong>
                {c.assessment.conclusion === "exception"
                  ? "An exception applies: not a breach."
                  : c.assessment.conclusion === "low_probability"
                    ? "Low probability that the PHI was compromised."
                    : "Presumed a breach: the assessment does not show a low probability."}
              </strong>{" "}
              <span className="muted">
                Recorded {utc(c.assessment.at)} by {c.assessment.by}.
              </span>
            </p>
            <table aria-label="Assessment factors">
              <thead>
                <tr>
                  <th>Factor</th>
                  <th>Risk</th>
                  <th>Rationale</th>
                </tr>
              </thead>
              <tbody>
                {(Object.keys(RISK_FACTORS) as TRiskFactor[]).map((f) => (
                  <tr key={f}>
                    <td>{RISK_FACTORS[f]}</td>
                    <td>{c.assessment!.levels[f]}</td>
                    <td>{c.assessment!.rationales?.[f] ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {c.assessment.exceptions.length > 0 && (
              <ul aria-label="Exceptions that apply">
                {c.assessment.exceptions.map((e) => (
                  <li key={e}>{BREACH_EXCEPTIONS[e]}</li>
                ))}
              </ul>
            )}
          </>
        ) : (
          <p className="muted">No assessment yet. A breach determination needs one.</p>
        )}
        {manage && c.state === "investigating" && <AssessmentForm action={act} />}
      </section>

      <section className="card section stack" aria-labelledby="determination">
        <h2 id="determination">Determination and sanction</h2>
        {c.determination ? (
          <p>
            <strong>{DETERMINATIONS[c.determination as keyof typeof DETERMINATIONS] ?? c.determination}</strong>;
            sanction: {SANCTION_TIERS[(c.sanctionTier ?? 0) as keyof typeof SANCTION_TIERS]}.
          </p>
        ) : (
          <p className="muted">Not determined yet.</p>
        )}
        {manage && c.state === "investigating" && <DeterminationForm action={act} />}
        {manage && c.state === "determined" && <CaseButton action={act} change="close" label="Close the case" />}
      </section>

      <section className="card section" aria-labelledby="history">
        <h2 id="history">History</h2>
        <CaseHistoryTable steps={c.history} />
      </section>
    </>
  );
}
