import type { Metadata } from "next";
import { z } from "zod";
import { CareTeamSection } from "@/components/access/care-team-section";
import { ConsentSection } from "@/components/access/consent-section";
import { PatientLookupForm } from "@/components/access/patient-lookup-form";
import { PageHeader } from "@/components/ui/page-header";
import { authorizePatientAccess } from "@/lib/access/authorize-patient-access";
import { listCareTeam } from "@/lib/access/care-team/list-care-team";
import { listConsents } from "@/lib/access/consents/list-consents";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { findPatientPseudonym } from "@/lib/vault/find-patient-pseudonym";
import { changeCareTeamAction } from "../records/[patientId]/care-team-actions";
import { findConsentPatientAction, grantConsentAction, revokeConsentAction } from "./actions";

export const metadata: Metadata = { title: "Consents" };

// The address holds the patient's pseudonymous id only; the MRN lookup is a POST (actions.ts).
const ZPatientRef = z.uuid();

async function loadPatient(user: Awaited<ReturnType<typeof requirePagePermission>>, patientId: string) {
  const prisma = getPrisma();
  const [{ consents, patient }, careTeam] = await Promise.all([
    authorizePatientAccess(
      prisma,
      { actor: user, patientId, action: "read", resourceType: "Consent", entityWhat: `Consent?patient=${patientId}` },
      async () => ({
        consents: await listConsents(prisma, { patientId }),
        patient: await findPatientPseudonym(prisma, patientId),
      }),
    ),
    authorizePatientAccess(
      prisma,
      { actor: user, patientId, action: "read", resourceType: "CareTeam", entityWhat: `CareTeam?patient=${patientId}` },
      () => listCareTeam(prisma, patientId),
    ),
  ]);
  if (!patient) throw new AppError("not_found", "No such patient.");
  return { consents, careTeam, ...patient };
}

/** Compliance officers manage a patient's consents and care team; they see the pseudonym, never the record. */
export default async function ConsentsPage({ searchParams }: { searchParams: Promise<{ patient?: string }> }) {
  const user = await requirePagePermission("consents.manage");
  const patientId = ZPatientRef.safeParse((await searchParams).patient).data ?? null;
  let loaded: Awaited<ReturnType<typeof loadPatient>> | null = null;
  let problem: string | null = null;
  if (patientId) {
    try {
      loaded = await loadPatient(user, patientId);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      problem = error.message;
    }
  }
  return (
    <>
      <PageHeader
        title="Consents and care teams"
        subtitle="Record and revoke consent directives on a patient's behalf, and manage who treats them. You see the patient's pseudonym only; every change is anchored in the ledger."
      />
      <section className="card">
        <PatientLookupForm
          action={findConsentPatientAction}
          submitLabel="Find patient"
          placeholder="Patient MRN (e.g. MRN1000005)"
        />
        {problem && (
          <p className="alert error" role="alert">
            {problem}
          </p>
        )}
      </section>
      {loaded && patientId && (
        <>
          <section className="card section">
            <h2>
              Consents of patient <span className="mono">{loaded.pseudonym}</span>
            </h2>
            {loaded.erased ? (
              <p className="muted">This patient&apos;s data was erased; consents can no longer be changed.</p>
            ) : (
              <ConsentSection
                consents={loaded.consents}
                grant={grantConsentAction.bind(null, patientId)}
                revoke={revokeConsentAction.bind(null, patientId)}
                exportHref={`/api/fhir/Consent?patient=${patientId}`}
              />
            )}
          </section>
          {!loaded.erased && (
            <CareTeamSection members={loaded.careTeam} action={changeCareTeamAction.bind(null, patientId)} canChange />
          )}
        </>
      )}
    </>
  );
}
