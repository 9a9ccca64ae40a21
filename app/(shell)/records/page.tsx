import type { Metadata } from "next";
import Link from "next/link";
import { PatientSearchResults } from "@/components/records/patient-search-results";
import { PageHeader } from "@/components/ui/page-header";
import { searchPatients, ZPatientQuery } from "@/lib/access/search/search-patients";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { listRecentPatients } from "@/lib/vault/list-recent-patients";

export const metadata: Metadata = { title: "Records" };

export default async function RecordsPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const user = await requirePagePermission("records.read");
  const prisma = getPrisma();
  const q = (await searchParams).q?.trim() ?? "";
  const valid = q ? ZPatientQuery.safeParse(q) : null;
  const result = valid?.success ? await searchPatients(prisma, { actor: user, query: q }) : null;
  const recent = await listRecentPatients(prisma, { actorId: user.id });
  return (
    <>
      <PageHeader
        title="Patient records"
        subtitle="Find a patient by medical record number or last name. Every search, chart you open and change you make is recorded in the ledger."
      />
      <section className="card">
        <form method="get" role="search" className="search-row">
          <label htmlFor="q" className="sr-only">
            MRN or last name
          </label>
          <input id="q" name="q" defaultValue={q} placeholder="MRN (e.g. MRN1000001) or last name" autoComplete="off" />
          <button className="button" type="submit">
            Search
          </button>
        </form>
        {valid && !valid.success && (
          <p className="alert error" role="alert">
            {valid.error.issues[0].message}
          </p>
        )}
        {result && <PatientSearchResults by={result.by} hits={result.hits} />}
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
