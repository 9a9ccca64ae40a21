import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";

export const metadata: Metadata = { title: "Audit evidence" };

export default async function RegulatorPage() {
  await requirePagePermission("reports.read");
  const prisma = getPrisma();
  const [events, denied, versions] = await Promise.all([
    prisma.accessEvent.count(),
    prisma.accessEvent.count({ where: { outcome: { not: "0" } } }),
    prisma.recordVersion.count(),
  ]);
  return (
    <>
      <PageHeader title="Audit evidence" subtitle="Verifiable evidence of what happened to health data, without access to the data itself." />
      <div className="grid stats">
        <StatCard label="Access events on record" value={events} />
        <StatCard label="Denied or failed" value={denied} />
        <StatCard label="Record versions" value={versions} hint="ciphertext only" />
      </div>
    </>
  );
}
