import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BreakGlassForm } from "@/components/access/break-glass-form";
import { databaseFaultPage } from "@/app/(shell)/database-fault-page";
import { CareTeamSection } from "@/components/access/care-team-section";
import { AddObservationForm } from "@/components/records/add-observation-form";
import { ConditionTable, ObservationTable } from "@/components/records/patient-chart";
import { PageHeader } from "@/components/ui/page-header";
import { authorizePatientAccess } from "@/lib/access/authorize-patient-access";
import { listCareTeam } from "@/lib/access/care-team/list-care-team";
import { can } from "@/lib/access/permissions";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { OBSERVATION_CODES } from "@/lib/vault/add-observation";
import { readPatientChart } from "@/lib/vault/read-patient-chart";
import { addObservationAction } from "./actions";
import { declareBreakGlassAction } from "./break-glass-actions";
import { changeCareTeamAction } from "./care-team-actions";

export const metadata: Metadata = { title: "Patient chart" };

export default async function ChartPage({ params }: { params: Promise<{ patientId: string }> }) {
  const user = await requirePagePermission("records.read");
  const { patientId } = await params;
  const prisma = getPrisma();
  const opened = await authorizePatientAccess(
    prisma,
    { actor: user, patientId, action: "read", entityWhat: `Patient/${patientId}` },
    async (decision) => ({
      chart: await readPatientChart(prisma, patientId),
      careTeam: await listCareTeam(prisma, patientId),
      decision,
    }),
  ).catch((e) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    if (e instanceof AppError && e.code === "forbidden") return { denied: e.message };
    // The session was read (the layout), the chart was not: no connection free in time, say so.
    const faultPage = databaseFaultPage(e, { inShell: true });
    if (faultPage) return { faultPage };
    throw e;
  });
  if ("faultPage" in opened) return opened.faultPage;
  if ("denied" in opened) {
    return (
      <>
        <PageHeader title="Access denied" subtitle="This attempt is recorded in the ledger." />
        <section className="card">
          <p className="alert error" role="alert">
            {opened.denied}
          </p>
          {can(user.role, "breakglass.declare") && (
            <>
              <h2>Emergency access (break-glass)</h2>
              <p className="muted">
                In an emergency you may open this chart for 60 minutes. Every access in that window is flagged, and
                compliance officers are alerted and review your reason.
              </p>
              <BreakGlassForm action={declareBreakGlassAction.bind(null, patientId)} />
            </>
          )}
          <p>
            <Link href="/records">Back to search</Link>
          </p>
        </section>
      </>
    );
  }
  const { chart, careTeam, decision } = opened;
  if (chart.erased) {
    return (
      <>
        <PageHeader
          title="Patient erased"
          subtitle={`This patient's data was erased on ${chart.erasedAt.toISOString().slice(0, 10)} (GDPR Art. 17). It can no longer be decrypted by anyone.`}
        />
        <p>
          <Link href="/records">Back to search</Link>
        </p>
      </>
    );
  }
  const d = chart.demographics;
  const options = Object.entries(OBSERVATION_CODES).map(([code, c]) => ({ code, display: c.display, unit: c.unit }));
  return (
    <>
      <PageHeader
        title={d.name}
        subtitle={`Decrypted for you on the server; this view is recorded in the ledger with purpose of use ${decision.breakGlass ? "ETREAT" : "TREAT"}. ${decision.reason}`}
      />
      {decision.breakGlass && (
        <p className="alert error" role="status">
          Emergency access (break-glass) is in force: every access is flagged and reviewed by compliance.
        </p>
      )}
      <section className="card">
        <h2>Demographics</h2>
        <dl className="facts">
          <dt>MRN</dt>
          <dd className="mono">{d.mrn ?? "—"}</dd>
          <dt>Born</dt>
          <dd>{d.birthDate ?? "—"}</dd>
          <dt>Gender</dt>
          <dd>{d.gender ?? "—"}</dd>
          <dt>Address</dt>
          <dd>{d.address ?? "—"}</dd>
          <dt>Phone</dt>
          <dd>{d.phone ?? "—"}</dd>
        </dl>
        <p>
          <a href={`/api/fhir/Patient/${patientId}`} download>
            Download as FHIR Bundle
          </a>
        </p>
      </section>
      <section className="card section">
        <h2>Conditions</h2>
        <ConditionTable conditions={chart.conditions} />
      </section>
      <section className="card section">
        <h2>Observations</h2>
        {can(user.role, "records.write") && (
          <AddObservationForm action={addObservationAction.bind(null, patientId)} options={options} />
        )}
        <ObservationTable observations={chart.observations} />
      </section>
      <CareTeamSection
        members={careTeam}
        action={changeCareTeamAction.bind(null, patientId)}
        canChange={careTeam.some((m) => m.userId === user.id)}
      />
    </>
  );
}
