import type { Metadata } from "next";
import { CareTeamSection } from "@/components/access/care-team-section";
import { ConsentSection } from "@/components/access/consent-section";
import { PageHeader } from "@/components/ui/page-header";
import { authorizePatientAccess } from "@/lib/access/authorize-patient-access";
import { listCareTeam } from "@/lib/access/care-team/list-care-team";
import { listConsents } from "@/lib/access/consents/list-consents";
import { lookupPatientByMrn, ZLookupMrn } from "@/lib/access/search/lookup-patient-by-mrn";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { changeCareTeamAction } from "../records/[patientId]/care-team-actions";
import { grantConsentAction, revokeConsentAction } from "./actions";

export const metadata: Metadata = { title: "Consents" };

/** Compliance officers manage a patient's consents and care team; they see the pseudonym, never the record. */
export default async function ConsentsPage({ searchParams }: { searchParams: Promise<{ mrn?: string }> }) {
  const user = await requirePagePermission("consents.manage");
  const prisma = getPrisma();
  const raw = (await searchParams).mrn;
  const mrn = raw === undefined ? null : ZLookupMrn.safeParse(raw);
  const found = mrn?.success
    ? await lookupPatientByMrn(prisma, { actor: user, mrn: mrn.data, resourceType: "Consent" })
    : null;
  const patientId = found?.patientId ?? null;
  const [consents, careTeam] = patientId
    ? await Promise.all([
        authorizePatientAccess(
          prisma,
          {
            actor: user,
            patientId,
            action: "read",
            resourceType: "Consent",
            entityWhat: `Consent?patient=${patientId}`,
          },
          () => listConsents(prisma, { patientId }),
        ),
        authorizePatientAccess(
          prisma,
          {
            actor: user,
            patientId,
            action: "read",
            resourceType: "CareTeam",
            entityWhat: `CareTeam?patient=${patientId}`,
          },
          () => listCareTeam(prisma, patientId),
        ),
      ])
    : [[], []];
  return (
    <>
      <PageHeader
        title="Consents and care teams"
        subtitle="Record and revoke consent directives on a patient's behalf, and manage who treats them. You see the patient's pseudonym only; every change is anchored in the ledger."
      />
      <section className="card">
        <form method="get" role="search" className="search-row">
          <label htmlFor="mrn" className="sr-only">
            Patient MRN
          </label>
          <input
            id="mrn"
            name="mrn"
            defaultValue={raw ?? ""}
            placeholder="Patient MRN (e.g. MRN1000005)"
            autoComplete="off"
          />
          <button className="button" type="submit">
            Find patient
          </button>
        </form>
        {mrn && !mrn.success && (
          <p className="alert error" role="alert">
            {mrn.error.issues[0].message}
          </p>
        )}
        {mrn?.success && !found && <p className="muted">No patient has that MRN.</p>}
      </section>
      {found && patientId && (
        <>
          <section className="card section">
            <h2>
              Consents of patient <span className="mono">{found.pseudonym}</span>
            </h2>
            <ConsentSection
              consents={consents}
              grant={grantConsentAction.bind(null, patientId)}
              revoke={revokeConsentAction.bind(null, patientId)}
              exportHref={`/api/fhir/Consent?patient=${patientId}`}
            />
          </section>
          <CareTeamSection members={careTeam} action={changeCareTeamAction.bind(null, patientId)} canChange />
        </>
      )}
    </>
  );
}
