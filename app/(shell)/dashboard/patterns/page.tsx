import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { HourOfWeekHeatmap } from "@/components/charts/hour-of-week-heatmap";
import { TopUsersTable } from "@/components/monitor/top-users-table";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/guards";
import { getReadPrisma } from "@/lib/db/read-client";
import { readHeatmap, type THeatmapScope } from "@/lib/monitor/patterns/read-heatmap";
import { topUsersByDistinctPatients } from "@/lib/monitor/patterns/top-users";

export const metadata: Metadata = { title: "Activity patterns" };

const PERIODS = ["7", "14", "28"] as const;

// Ids only: a department or a staff member is directory data, never a patient.
const ZPatternsQuery = z.object({
  department: z.uuid().optional(),
  user: z.uuid().optional(),
  days: z.enum(PERIODS).default("28"),
});

export default async function PatternsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePagePermission("dashboard.read");
  const prisma = getReadPrisma();
  const parsed = ZPatternsQuery.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : ZPatternsQuery.parse({});
  const days = Number(query.days);
  const now = new Date();
  const period = { from: new Date(now.getTime() - days * 86_400_000), to: now };
  const scope: THeatmapScope = query.user
    ? { kind: "user", userId: query.user }
    : query.department
      ? { kind: "department", departmentId: query.department }
      : { kind: "hospital" };
  const [departments, heatmap, top] = await Promise.all([
    prisma.department.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    readHeatmap(prisma, scope, period),
    topUsersByDistinctPatients(prisma, { days, limit: 15, now }),
  ]);
  const problem = !parsed.success
    ? "The address asks for a view this page does not know; showing the whole hospital over 28 days."
    : !heatmap
      ? "No such department or staff member; nothing to show for it."
      : null;
  return (
    <>
      <PageHeader
        title="Activity patterns"
        subtitle="When staff reach patient data, and who reaches the most patients, from the rollups of the sealed access log. Every attempt counts, allowed or denied."
      />
      <p>
        <Link href="/dashboard">← Dashboard</Link>
      </p>
      {problem && (
        <p className="alert error" role="alert">
          {problem}
        </p>
      )}
      {/* Keyed on the query so that a client-side navigation resets the selects to it. */}
      <form
        key={`${query.department}-${query.user}-${query.days}`}
        className="form-row card"
        aria-label="Choose what to show"
      >
        <label>
          Department
          <select name="department" defaultValue={query.user ? "" : (query.department ?? "")}>
            <option value="">Whole hospital (UTC)</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Period
          <select name="days" defaultValue={query.days}>
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                Last {p} days
              </option>
            ))}
          </select>
        </label>
        <button className="button" type="submit">
          Show
        </button>
      </form>
      {heatmap && (
        <section className="card section">
          <h2>
            {heatmap.label}: access events by hour and weekday
            {scope.kind === "user" && (
              <>
                {" "}
                <Link href={`/dashboard/patterns?days=${query.days}`}>(back to the whole hospital)</Link>
              </>
            )}
          </h2>
          <HourOfWeekHeatmap
            grid={heatmap}
            caption={`${heatmap.total.toLocaleString("en-US")} events in the last ${days} days, by local time in ${heatmap.timeZone}. Darker cells are busier hours.`}
          />
        </section>
      )}
      <section className="card section">
        <h2>Top staff by distinct patients, last {days} days</h2>
        <p className="muted">
          Each patient counts once per person over the period; the change is against the {days} days before. Choose a
          name for that person&apos;s hours.
        </p>
        <TopUsersTable rows={top} days={query.days} />
      </section>
    </>
  );
}
