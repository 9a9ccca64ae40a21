import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";

export const metadata: Metadata = { title: "Regulator" };

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
      <PageHeader title="Regulator workspace" subtitle="Audit evidence without access to patient data." />
      <div className="grid stats">
        <StatCard label="Access events on record" value={events} />
        <StatCard label="Denied or failed" value={denied} />
        <StatCard label="Record versions" value={versions} hint="ciphertext only" />
      </div>
    </>
  );
}
