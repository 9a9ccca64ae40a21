import type { Metadata } from "next";
import Link from "next/link";
import { PatientSearchForm } from "@/components/records/patient-search-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { listRecentPatients } from "@/lib/vault/list-recent-patients";
import { searchPatientsAction } from "./actions";

export const metadata: Metadata = { title: "Records" };

export default async function RecordsPage() {
  const user = await requirePagePermission("records.read");
  const recent = await listRecentPatients(getPrisma(), { actorId: user.id });
  return (
    <>
      <PageHeader
        title="Patient records"
        subtitle="Find a patient by medical record number or last name. Every search, chart you open and change you make is recorded in the ledger."
      />
      <section className="card">
        <PatientSearchForm action={searchPatientsAction} />
      </section>
      <section className="card section">
        <h2>Recently opened</h2>
        {recent.length === 0 ? (
          <p className="muted">You have not opened a chart yet.</p>
        ) : (
          <table aria-label="Recently opened">
            <thead>
              <tr>
                <th>Patient (pseudonym)</th>
                <th>Last opened (UTC)</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((r) => (
                <tr key={r.patientId}>
                  <td className="mono">
                    {r.erasedAt ? r.pseudonym : <Link href={`/records/${r.patientId}`}>{r.pseudonym}</Link>}
                  </td>
                  <td className="mono">{r.lastOpened.toISOString().replace("T", " ").slice(0, 16)}</td>
                  <td>
                    {r.erasedAt ? <span className="badge warn">erased</span> : <span className="badge ok">active</span>}
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
