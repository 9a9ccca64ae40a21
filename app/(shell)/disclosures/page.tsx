import type { Metadata } from "next";
import { ZodError } from "zod";
import { PatientLookupForm } from "@/components/access/patient-lookup-form";
import { DisclosureForm } from "@/components/disclosures/disclosure-form";
import { DisclosureTable } from "@/components/disclosures/disclosure-table";
import { PageHeader } from "@/components/ui/page-header";
import { LEGAL_BASES } from "@/lib/access/disclosures/disclosure-input";
import { listDisclosures, type TDisclosureRegister } from "@/lib/access/disclosures/list-disclosures";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { correctDisclosureAction, openRegisterAction, recordDisclosureAction } from "./actions";

export const metadata: Metadata = { title: "Disclosure register" };

// The address holds the patient's pseudonymous id only; the MRN lookup is a POST (openRegisterAction).
type TSearch = { patient?: string; correct?: string; saved?: string };
const SAVED: Record<string, string> = {
  recorded: "Disclosure recorded and anchored in the ledger.",
  corrected: "Correction recorded; the earlier entry is shown as superseded.",
};

function problem(error: unknown): string {
  if (error instanceof ZodError) return error.issues[0].message;
  if (error instanceof AppError) return error.message;
  throw error;
}

export default async function DisclosuresPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  const user = await requirePagePermission("disclosures.read");
  const prisma = getPrisma();
  const q = await searchParams;
  let message: string | null = null;
  let register: TDisclosureRegister | null = null;
  if (q.patient) {
    try {
      register = await listDisclosures(prisma, { actor: user, patientId: q.patient });
    } catch (error) {
      message = problem(error);
    }
  }
  const target = register?.entries.find((e) => e.id === q.correct && !e.supersededById && e.content !== "erased");
  const toForm = (e: NonNullable<typeof target>): Record<string, string> =>
    e.content === "erased"
      ? {}
      : {
          disclosedAt: e.disclosedAt.toISOString().slice(0, 10),
          recipientName: e.recipientName,
          recipientAddress: e.recipientAddress,
          legalBasis: e.legalBasis,
          description: e.content.description,
          purpose: e.content.purpose ?? "",
          requestCopy: e.content.requestCopy ?? "",
        };
  return (
    <>
      <PageHeader
        title="Disclosure register"
        subtitle="HIPAA 45 CFR 164.528 accounting of disclosures. Entries are encrypted under the patient's key, anchored in the ledger and never changed: a correction is a new entry that supersedes the old one."
      />
      <section className="card">
        <PatientLookupForm
          action={openRegisterAction}
          submitLabel="Open register"
          placeholder="Patient MRN (e.g. MRN1000001)"
        />
        {message && (
          <p className="alert error" role="alert">
            {message}
          </p>
        )}
        {q.saved && SAVED[q.saved] && register && (
          <p className="alert info" role="status">
            {SAVED[q.saved]}
          </p>
        )}
      </section>
      {register && (
        <>
          <section className="card section">
            <h2>Patient {register.pseudonym}</h2>
            <p className="muted">
              FHIR reference <code>Patient/{register.patientId}</code> · disclosures since{" "}
              {register.since.toISOString().slice(0, 10)} (six years)
              {register.erased && " · this patient's data was erased"}
            </p>
            {register.entries.length === 0 ? (
              <p className="muted">No disclosures recorded in the last six years.</p>
            ) : (
              <DisclosureTable
                rows={register.entries}
                legalBases={LEGAL_BASES}
                correctHref={(id) => `/disclosures?patient=${register.patientId}&correct=${id}#correct`}
              />
            )}
          </section>
          {target && (
            <section className="card section" id="correct">
              <h2>Correct entry {target.id.slice(0, 8)}</h2>
              <p className="muted">
                The corrected entry is recorded as a new entry; the original stays in the register, marked as
                superseded.
              </p>
              <DisclosureForm
                action={correctDisclosureAction.bind(null, register.patientId, target.id)}
                label="Record correction"
                legalBases={LEGAL_BASES}
                defaults={toForm(target)}
              />
            </section>
          )}
          {!register.erased && (
            <section className="card section">
              <h2>Record a disclosure</h2>
              <DisclosureForm
                action={recordDisclosureAction.bind(null, register.patientId)}
                label="Record disclosure"
                legalBases={LEGAL_BASES}
              />
            </section>
          )}
        </>
      )}
    </>
  );
}
