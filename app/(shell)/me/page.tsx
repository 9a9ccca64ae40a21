import type { Metadata } from "next";
import type * as fhir4 from "fhir/r4";
import { ConsentSection } from "@/components/access/consent-section";
import { RequestOwnErasureForm, WithdrawErasureButton } from "@/components/erasure/erasure-forms";
import { IssueReportForm } from "@/components/reports/issue-report-form";
import { IssuedReportsTable } from "@/components/reports/issued-reports-table";
import { PageHeader } from "@/components/ui/page-header";
import { authorizePatientAccess } from "@/lib/access/authorize-patient-access";
import { listConsents } from "@/lib/access/consents/list-consents";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { isErasedText } from "@/lib/keys/patient-text";
import { REFUSAL_GROUNDS } from "@/lib/vault/decide-erasure";
import { listErasureRequests } from "@/lib/vault/list-erasure-requests";
import { SELF_SERVICE_TYPES } from "@/lib/reports/issue/issue-own-report";
import { listIssuedReports } from "@/lib/reports/issue/list-issued-reports";
import { readPatientResources } from "@/lib/vault/read-patient-resources";
import { requestOwnErasureAction, withdrawOwnErasureAction } from "./actions";
import { grantOwnConsentAction, revokeOwnConsentAction } from "./consent-actions";
import { issueOwnReportAction } from "./report-actions";

export const metadata: Metadata = { title: "My data" };

export default async function MePage() {
  const user = await requirePagePermission("self.read");
  if (!user.patientId) {
    return <PageHeader title="My data" subtitle="This account is not linked to a patient record." />;
  }
  const prisma = getPrisma();
  const patientId = user.patientId;
  const [{ records, consents }, erasures, reports] = await Promise.all([
    authorizePatientAccess(
      prisma,
      { actor: user, patientId, action: "read", entityWhat: `Patient/${patientId}` },
      async () => ({
        records: await readPatientResources(prisma, { patientId }),
        consents: await listConsents(prisma, { patientId }),
      }),
    ),
    listErasureRequests(prisma, { patientId }),
    listIssuedReports(prisma, new URLSearchParams({ limit: "10" }), user),
  ]);
  const patient = records.find((r) => r.resourceType === "Patient")?.resource as fhir4.Patient | undefined;
  const name = patient?.name?.[0];
  const address = patient?.address?.[0];
  const counts = records.reduce<Record<string, number>>(
    (acc, r) => ({ ...acc, [r.resourceType]: (acc[r.resourceType] ?? 0) + 1 }),
    {},
  );
  return (
    <>
      <PageHeader
        title="My data"
        subtitle="What this organisation holds about you. It is stored encrypted with a key that belongs to you alone."
      />
      <section className="card">
        <h2>Your details</h2>
        <dl className="facts">
          <dt>Name</dt>
          <dd>{[name?.given?.join(" "), name?.family].filter(Boolean).join(" ") || "—"}</dd>
          <dt>Date of birth</dt>
          <dd>{patient?.birthDate ?? "—"}</dd>
          <dt>Address</dt>
          <dd>
            {address
              ? [...(address.line ?? []), address.city, address.state, address.postalCode].filter(Boolean).join(", ")
              : "—"}
          </dd>
          <dt>Medical record number</dt>
          <dd className="mono">{patient?.identifier?.[0]?.value ?? "—"}</dd>
          <dt>Records held</dt>
          <dd>
            {Object.entries(counts)
              .map(([t, n]) => `${n} ${t}`)
              .join(", ")}
          </dd>
        </dl>
      </section>
      <section className="card section">
        <h2>Who may see your data</h2>
        <p className="muted">
          Your care team may see your record for your treatment. Here you can let others in (for a purpose, some of your
          data, a period) or shut someone out: a deny always wins, except in a declared emergency, which our privacy
          office reviews.
        </p>
        <ConsentSection
          consents={consents}
          grant={grantOwnConsentAction}
          revoke={revokeOwnConsentAction}
          exportHref={`/api/fhir/Consent?patient=${patientId}`}
        />
      </section>
      <section className="card section stack" aria-labelledby="my-reports-heading">
        <h2 id="my-reports-heading">Reports about you</h2>
        <p className="muted" style={{ margin: 0 }}>
          A signed report of who looked at your record, when and why, that anyone can check with{" "}
          <code>npm run healthledger -- verify-report</code>. It is stored encrypted with your key; issuing it and every
          download are recorded.
        </p>
        <IssueReportForm
          action={issueOwnReportAction}
          types={SELF_SERVICE_TYPES}
          scope="patient"
          base="/api/me/reports"
          audience="patient"
        />
        <IssuedReportsTable reports={reports.reports} bundleHref={(id) => `/api/me/reports/${id}/bundle`} />
      </section>
      <section className="card section">
        <h2>Erasure (right to be forgotten)</h2>
        <p className="muted">
          You may ask us to erase your data (GDPR Art. 17). If approved, the key that encrypts your records is
          destroyed, so nobody can read them again.
        </p>
        {erasures.length > 0 && (
          <table aria-label="Your erasure requests">
            <thead>
              <tr>
                <th>Filed</th>
                <th>Status</th>
                <th>Reason given</th>
              </tr>
            </thead>
            <tbody>
              {erasures.map((e) => (
                <tr key={e.id}>
                  <td>{e.createdAt.toISOString().slice(0, 10)}</td>
                  <td>
                    <span className="badge">{e.status.toLowerCase()}</span>
                  </td>
                  <td>
                    {e.status === "REFUSED" && e.reason !== null && !isErasedText(e.reason)
                      ? `${REFUSAL_GROUNDS[e.ground as keyof typeof REFUSAL_GROUNDS] ?? e.ground}: ${e.reason}`
                      : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {erasures.some((e) => e.status === "REQUESTED") ? (
          <>
            <p className="alert info" role="status">
              Your erasure request is waiting for a compliance officer&apos;s decision.
            </p>
            {erasures
              .filter((e) => e.status === "REQUESTED" && e.requestedById === user.id)
              .map((e) => (
                <WithdrawErasureButton key={e.id} action={withdrawOwnErasureAction.bind(null, e.id)} />
              ))}
          </>
        ) : (
          <RequestOwnErasureForm action={requestOwnErasureAction} />
        )}
      </section>
    </>
  );
}
