import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AddObservationForm } from "@/components/records/add-observation-form";
import { ConditionTable, ObservationTable } from "@/components/records/patient-chart";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/access/permissions";
import { withPatientAccess } from "@/lib/access/with-patient-access";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { OBSERVATION_CODES } from "@/lib/vault/add-observation";
import { readPatientChart } from "@/lib/vault/read-patient-chart";
import { assertNotRolledBack } from "@/lib/vault/rollback-guard";
import { addObservationAction } from "./actions";

export const metadata: Metadata = { title: "Patient chart" };

export default async function ChartPage({ params }: { params: Promise<{ patientId: string }> }) {
  const user = await requirePagePermission("records.read");
  await assertNotRolledBack();
  const { patientId } = await params;
  const prisma = getPrisma();
  const chart = await withPatientAccess(prisma, { actor: user, patientId, subtype: "read", action: "R", entityWhat: `Patient/${patientId}` }, () =>
    readPatientChart(prisma, patientId),
  ).catch((e) => (e instanceof AppError && e.code === "not_found" ? notFound() : Promise.reject(e)));
  if (chart.erased) {
    return (
      <>
        <PageHeader title="Patient erased" subtitle={`This patient's data was erased on ${chart.erasedAt.toISOString().slice(0, 10)} (GDPR Art. 17). It can no longer be decrypted by anyone.`} />
        <p><Link href="/records">Back to search</Link></p>
      </>
    );
  }
  const d = chart.demographics;
  const options = Object.entries(OBSERVATION_CODES).map(([code, c]) => ({ code, display: c.display, unit: c.unit }));
  return (
    <>
      <PageHeader title={d.name} subtitle="Decrypted for you on the server; this view is recorded in the ledger with purpose of use TREAT." />
      <section className="card">
        <h2>Demographics</h2>
        <dl className="facts">
          <dt>MRN</dt><dd className="mono">{d.mrn ?? "—"}</dd>
          <dt>Born</dt><dd>{d.birthDate ?? "—"}</dd>
          <dt>Gender</dt><dd>{d.gender ?? "—"}</dd>
          <dt>Address</dt><dd>{d.address ?? "—"}</dd>
          <dt>Phone</dt><dd>{d.phone ?? "—"}</dd>
        </dl>
        <p><a href={`/api/fhir/Patient/${patientId}`} download>Download as FHIR Bundle</a></p>
      </section>
      <section className="card section">
        <h2>Conditions</h2>
        <ConditionTable conditions={chart.conditions} />
      </section>
      <section className="card section">
        <h2>Observations</h2>
        {can(user.role, "records.write") && <AddObservationForm action={addObservationAction.bind(null, patientId)} options={options} />}
        <ObservationTable observations={chart.observations} />
      </section>
    </>
  );
}
