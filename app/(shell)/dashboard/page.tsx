import type { Metadata } from "next";
import { EventsPerDayChart } from "@/components/charts/events-per-day-chart";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { getOverview } from "@/lib/monitor/get-overview";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  await requirePagePermission("dashboard.read");
  const o = await getOverview(getPrisma());
  return (
    <>
      <PageHeader title="Compliance dashboard" subtitle="Live figures from the vault and the access log." />
      <div className="grid stats">
        <StatCard
          label="Patients"
          value={o.patients}
          hint={o.erasedPatients ? `${o.erasedPatients} erased` : "none erased"}
        />
        <StatCard label="Records" value={o.records} hint={`${o.recordVersions.toLocaleString("en-US")} versions`} />
        <StatCard label="Staff accounts" value={o.staff} />
        <StatCard
          label="Access events"
          value={o.events}
          hint={`${o.eventsLast24h.toLocaleString("en-US")} in the last 24 h`}
        />
        <StatCard label="Failed sign-ins (24 h)" value={o.failedSignIns24h} />
        <StatCard label="Open privacy alerts" value={o.openAlerts} hint="to review" />
      </div>
      <section className="card section">
        <h2>Access events per day (last 14 days, UTC)</h2>
        <EventsPerDayChart data={o.eventsPerDay} />
      </section>
    </>
  );
}
