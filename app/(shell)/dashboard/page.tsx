import type { Metadata } from "next";
import Link from "next/link";
import { CaseDeadlinesCard } from "@/components/cases/case-deadlines-card";
import { EventsPerDayChart } from "@/components/charts/events-per-day-chart";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import { requirePagePermission } from "@/lib/auth/guards";
import { getReadPrisma } from "@/lib/db/read-client";
import { formatDuration, TRIAGE_WINDOW_DAYS } from "@/lib/monitor/alerts/get-triage-time";
import { DASHBOARD_REFRESH_MS, readDashboardFigures } from "@/lib/monitor/read-dashboard-figures";

export const metadata: Metadata = { title: "Dashboard" };

const HOUR_MS = 3_600_000;

/** The explorer's "from" for the 24 h figures: the same 24 UTC hour buckets the overview counts. */
function explorerSince24h(): string {
  return new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS - 23 * HOUR_MS).toISOString();
}

export default async function DashboardPage() {
  await requirePagePermission("dashboard.read");
  const { value, computedAt } = await readDashboardFigures(getReadPrisma());
  const { overview: o, triage, caseDeadlines } = value;
  const fmt = (n: number) => n.toLocaleString("en-US");
  const severities = Object.entries(o.openAlertsBySeverity)
    .map(([severity, n]) => `${n} ${severity}`)
    .join(", ");
  const run = o.lastVerification;
  const since24h = explorerSince24h();
  return (
    <>
      <PageHeader
        title="Compliance dashboard"
        subtitle={`Figures as of ${computedAt.toISOString().slice(11, 19)} UTC (read again every ${
          DASHBOARD_REFRESH_MS / 1000
        } s), access figures from the sealed access log${
          o.asOf.leavesBehind > 0 ? ` (${fmt(o.asOf.leavesBehind)} newest ledger entries still being counted)` : ""
        }; last 24 h means the 24 UTC hours up to now.`}
      />
      <div className="grid stats">
        <StatCard
          label="Access events (24 h)"
          value={o.eventsLast24h}
          hint={`${fmt(o.eventsLast7d)} in 7 days`}
          link={{ href: `/explorer?from=${since24h}`, text: "Browse these events" }}
        />
        <StatCard label="Users active (24 h)" value={o.distinctUsers24h} />
        <StatCard label="Patients reached (7 days)" value={o.distinctPatients7d} hint="distinct, by UTC day" />
        <StatCard
          label="Denied (24 h)"
          value={`${(o.deniedShare24h * 100).toFixed(1)}%`}
          hint="refused or failed"
          link={{ href: `/explorer?from=${since24h}&outcome=denied`, text: "Browse denied events" }}
        />
        <StatCard
          label="Break-glass (24 h)"
          value={o.breakGlass24h}
          link={{ href: `/explorer?from=${since24h}&breakGlass=yes`, text: "Browse break-glass events" }}
        />
        <StatCard label="Failed sign-ins (24 h)" value={o.failedSignIns24h} />
        <StatCard label="Open privacy alerts" value={o.openAlerts} hint={severities || "none to review"} />
        <StatCard
          label="Median time to triage"
          value={triage.medianSeconds === null ? "—" : formatDuration(triage.medianSeconds)}
          hint={`alerts raised in ${TRIAGE_WINDOW_DAYS} days: ${fmt(triage.raised)}, ${fmt(triage.untriaged)} still untriaged`}
          link={{ href: "/alerts?status=new", text: "Triage new alerts" }}
        />
        <StatCard
          label="Last verification"
          value={run ? (run.ok ? "Passed" : `${fmt(run.findingCount)} findings`) : "Never run"}
          hint={run ? `${run.startedAt.slice(0, 16).replace("T", " ")} UTC, ${fmt(run.treeSize)} entries` : undefined}
        />
        <StatCard
          label="Patients"
          value={o.patients}
          hint={o.erasedPatients ? `${o.erasedPatients} erased` : "none erased"}
        />
        <StatCard label="Records" value={o.records} hint={`${fmt(o.recordVersions)} versions`} />
        <StatCard label="Staff accounts" value={o.staff} />
        <StatCard label="Access events (all)" value={o.events} />
      </div>
      <CaseDeadlinesCard deadlines={caseDeadlines} />
      <section className="card section">
        <h2>Access events per day (last 14 days, UTC)</h2>
        <EventsPerDayChart data={o.eventsPerDay} />
        <p>
          <Link href="/dashboard/patterns">Activity patterns</Link>: hours of the week by department and staff member,
          and who reaches the most patients. <Link href="/dashboard/rules">Monitoring rules</Link>: what raises an
          alert, and what no rule can see.
        </p>
      </section>
    </>
  );
}
