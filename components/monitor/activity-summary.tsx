import { EventsPerDayChart } from "@/components/charts/events-per-day-chart";
import type { TOverview } from "@/lib/monitor/get-overview";

const fmt = (n: number) => n.toLocaleString("en-US");

/**
 * The access log in aggregate, for readers who see no person: counts from the monitor's rollups
 * (docs/monitoring-pipeline.md) and open alerts by severity, never a name, a pseudonym or an id.
 */
export function ActivitySummary({ overview: o }: { overview: TOverview }) {
  const severities = Object.entries(o.openAlertsBySeverity)
    .map(([severity, n]) => `${fmt(n)} ${severity}`)
    .join(", ");
  return (
    <section className="card section" aria-labelledby="activity-heading">
      <h2 id="activity-heading">Access activity</h2>
      <p className="muted" style={{ marginTop: 0 }}>
        Counts from the sealed access log, without any person&apos;s identity
        {o.asOf.leavesBehind > 0 ? ` (${fmt(o.asOf.leavesBehind)} newest ledger entries still being counted)` : ""}.
      </p>
      <dl className="facts">
        <dt>Access events</dt>
        <dd>
          {fmt(o.eventsLast24h)} in the last 24 h, {fmt(o.eventsLast7d)} in 7 days, {fmt(o.events)} in all
        </dd>
        <dt>Staff active / patients reached</dt>
        <dd>
          {fmt(o.distinctUsers24h)} staff in 24 h / {fmt(o.distinctPatients7d)} patients in 7 days
        </dd>
        <dt>Denied or failed (24 h)</dt>
        <dd>{(o.deniedShare24h * 100).toFixed(1)}%</dd>
        <dt>Emergency access (24 h)</dt>
        <dd>{fmt(o.breakGlass24h)} break-glass declarations</dd>
        <dt>Failed sign-ins (24 h)</dt>
        <dd>{fmt(o.failedSignIns24h)}</dd>
        <dt>Open privacy alerts</dt>
        <dd>{o.openAlerts === 0 ? "none" : `${fmt(o.openAlerts)} (${severities})`}</dd>
      </dl>
      <h3>Access events per day (last 14 days, UTC)</h3>
      <EventsPerDayChart data={o.eventsPerDay} />
    </section>
  );
}
