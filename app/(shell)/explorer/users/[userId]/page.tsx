import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { HourOfWeekHeatmap } from "@/components/charts/hour-of-week-heatmap";
import { accessEventsTableProps } from "@/components/explorer/access-event-rows";
import { AccessEventsTable } from "@/components/explorer/access-events-table";
import { ExplorerPagination } from "@/components/explorer/explorer-pagination";
import { UserAlertsTable } from "@/components/explorer/user-alerts-table";
import { UserFacts } from "@/components/explorer/user-facts";
import { UserFiguresTable } from "@/components/explorer/user-figures-table";
import { PageHeader } from "@/components/ui/page-header";
import { ROLE_LABEL } from "@/lib/access/permissions";
import { requirePagePermission } from "@/lib/auth/guards";
import { getReadPrisma } from "@/lib/db/read-client";
import { AppError } from "@/lib/errors";
import { requestContext } from "@/lib/http/request-context";
import { exploreAccessEvents } from "@/lib/monitor/explorer/explore-access-events";
import type { TExplorerPage } from "@/lib/monitor/explorer/list-access-events";
import { readHeatmap } from "@/lib/monitor/patterns/read-heatmap";
import { readUserCard } from "@/lib/monitor/people/read-user-card";
import { readUserFigures } from "@/lib/monitor/people/read-user-figures";

export const metadata: Metadata = { title: "Staff member" };

const TIMELINE_PAGE = 20;
const DAY_MS = 86_400_000;
const one = (v: string | string[] | undefined) => (typeof v === "string" && v !== "" ? v : undefined);

/**
 * One staff member for the privacy office: who they are (directory data), their activity against
 * their own and their peers' usual day and their hours (rollups only), the alerts about them, and
 * their access events page by page (the explorer's keyset list; each view a recorded consultation).
 */
export default async function UserCardPage({
  params,
  searchParams,
}: {
  params: Promise<{ userId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requirePagePermission("dashboard.read");
  const id = z.uuid().safeParse((await params).userId);
  if (!id.success) notFound();
  // Reads only: the timeline's consultation event goes to the primary through writeAccessEvent.
  const prisma = getReadPrisma();
  const card = await readUserCard(prisma, id.data);
  if (!card) notFound();
  const sp = await searchParams;
  const now = new Date();
  const [figures, heatmap] = await Promise.all([
    readUserFigures(prisma, { userId: card.id, role: card.role, department: card.department?.name ?? null, now }),
    readHeatmap(prisma, { kind: "user", userId: card.id }, { from: new Date(now.getTime() - 28 * DAY_MS), to: now }),
  ]);
  const timelineParams = new URLSearchParams({ actor: card.id, limit: String(TIMELINE_PAGE) });
  const cursor = one(sp.cursor);
  if (cursor) timelineParams.set("cursor", cursor);
  let timeline: TExplorerPage | null = null;
  let problem: string | null = null;
  try {
    ({ page: timeline } = await exploreAccessEvents(prisma, {
      params: timelineParams,
      actor: viewer,
      ...requestContext(await headers()),
    }));
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "bad_request") throw error;
    problem = (error.details ?? []).map((d) => d.message).join("; ") || error.message;
  }
  const self = `/explorer/users/${card.id}`;
  return (
    <>
      <PageHeader
        title={card.name}
        subtitle={`${ROLE_LABEL[card.role as keyof typeof ROLE_LABEL] ?? card.role}${card.department ? `, ${card.department.name}` : ""}. Figures from the rollups of the sealed access log; every attempt counts, allowed or denied.`}
      />
      <nav className="form-row" aria-label="Related pages">
        <Link href="/explorer">← Access explorer</Link>
        <Link href={`/explorer?actor=${card.id}`}>Their events in the explorer (with filters)</Link>
        <Link href={`/alerts?actor=${card.id}`}>Alerts about {card.name}</Link>
        <Link href={`/dashboard/patterns?user=${card.id}`}>Their hours on the activity patterns</Link>
      </nav>
      <div className="grid two">
        <section className="card" aria-labelledby="who-heading">
          <h2 id="who-heading">Who</h2>
          <UserFacts card={card} />
        </section>
        <section className="card" aria-labelledby="alerts-heading">
          <h2 id="alerts-heading">
            Privacy alerts: {card.alerts.open} open of {card.alerts.total}
          </h2>
          <UserAlertsTable alerts={card.alerts.recent} actorId={card.id} />
        </section>
      </div>
      <section className="card section" aria-labelledby="activity-heading">
        <h2 id="activity-heading">Activity against the usual day</h2>
        <UserFiguresTable figures={figures} />
      </section>
      {heatmap && (
        <section className="card section" aria-labelledby="hours-heading">
          <h2 id="hours-heading">Hours of the week, last 28 days</h2>
          <HourOfWeekHeatmap
            grid={heatmap}
            caption={`${heatmap.total.toLocaleString("en-US")} events in the last 28 days, by local time in ${heatmap.timeZone}. Darker cells are busier hours.`}
          />
        </section>
      )}
      <section className="card section" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline of their access events</h2>
        {problem && (
          <p className="alert error" role="alert">
            This page of the timeline cannot be shown: {problem} <Link href={self}>Start from the newest</Link>
          </p>
        )}
        {timeline && timeline.rows.length === 0 && <p className="muted">No access events by this person.</p>}
        {timeline && timeline.rows.length > 0 && (
          <>
            <AccessEventsTable
              {...accessEventsTableProps(timeline.rows, {
                actor: (actorId) => `/explorer/users/${actorId}`,
                patient: (patientId) => `/explorer/patients/${patientId}`,
              })}
            />
            <ExplorerPagination
              label="Pages of the timeline"
              prevHref={timeline.prev ? `${self}?cursor=${timeline.prev}` : null}
              nextHref={timeline.next ? `${self}?cursor=${timeline.next}` : null}
            />
          </>
        )}
      </section>
    </>
  );
}
