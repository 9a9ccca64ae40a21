import type { Metadata } from "next";
import { AccessEventTable } from "@/components/access/access-event-table";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import { listAccessEvents } from "@/lib/access/list-access-events";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";

export const metadata: Metadata = { title: "Records" };

export default async function RecordsPage() {
  const user = await requirePagePermission("records.read");
  const prisma = getPrisma();
  const [patients, records, events] = await Promise.all([
    prisma.patient.count({ where: { erasedAt: null } }),
    prisma.record.count(),
    listAccessEvents(prisma, { actorId: user.id, limit: 10 }),
  ]);
  return (
    <>
      <PageHeader title="Patient records" subtitle={`Signed in as ${user.name}${user.department ? `, ${user.department}` : ""}. Every access you make is recorded.`} />
      <div className="grid stats">
        <StatCard label="Patients in the vault" value={patients} hint="encrypted per patient" />
        <StatCard label="Records" value={records} hint="FHIR R4 resources" />
      </div>
      <section className="card section">
        <h2>Your recent activity</h2>
        <AccessEventTable events={events} empty="No activity recorded yet." />
      </section>
    </>
  );
}
