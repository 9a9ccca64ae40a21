import type { Metadata } from "next";
import { statusLabel } from "@/components/alerts/alert-labels";
import { AlertQueueFilterForm } from "@/components/alerts/alert-queue-filter-form";
import { AlertQueueTable } from "@/components/alerts/alert-queue-table";
import { BulkCloseForm } from "@/components/alerts/bulk-close-form";
import { ExplorerPagination } from "@/components/explorer/explorer-pagination";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import {
  alertQueueSearchParams,
  parseAlertQueueFilters,
  type TAlertQueueFilters,
} from "@/lib/monitor/alerts/alert-queue-filters";
import { ruleDocOf } from "@/lib/monitor/alerts/get-alert-detail";
import { listAlertQueue, type TAlertQueuePage } from "@/lib/monitor/alerts/list-alert-queue";
import { listActiveOfficers, listAlertActors } from "@/lib/monitor/alerts/list-alert-queue-options";
import { bulkCloseAlertsAction } from "./actions";

export const metadata: Metadata = { title: "Privacy alerts" };

type TSearchParams = Record<string, string | string[] | undefined>;

function toParams(sp: TSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) for (const one of Array.isArray(v) ? v : v ? [v] : []) out.append(k, one);
  return out;
}

const heading = (f: TAlertQueueFilters) =>
  f.status === "open" ? "Open alerts" : f.status === "all" ? "All alerts" : `${statusLabel(f.status)} alerts`;

/** The alert queue: one line per alert, filters in the address (ids and codes), keyset pages. */
export default async function AlertsPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const user = await requirePagePermission("alerts.read");
  const prisma = getPrisma();
  let filters: TAlertQueueFilters | null = null;
  let page: TAlertQueuePage | null = null;
  let problem: string | null = null;
  try {
    filters = parseAlertQueueFilters(toParams(await searchParams));
    page = await listAlertQueue(prisma, { filters, viewerId: user.id });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "bad_request") throw error;
    problem = (error.details ?? []).map((d) => d.message).join("; ") || error.message;
  }
  const [officers, actors] = await Promise.all([listActiveOfficers(prisma), listAlertActors(prisma)]);
  const href = (extra: Partial<TAlertQueueFilters>, cursor?: string) => {
    const q = alertQueueSearchParams({ ...(filters ?? { status: "open", limit: 50 }), ...extra }, { cursor });
    return q.size ? `/alerts?${q}` : "/alerts";
  };
  const canClose = filters !== null && ["open", "new", "under_review", "all"].includes(filters.status);
  return (
    <>
      <PageHeader
        title="Privacy alerts"
        subtitle="Findings of the monitoring rules and emergency (break-glass) declarations, newest first. Open an alert to see the events it cites, its history and to triage it; every step is anchored in the ledger."
      />
      <section className="card">
        <h2>Filters</h2>
        <AlertQueueFilterForm filters={filters} officers={officers} actors={actors} />
      </section>
      <section className="card section" aria-labelledby="queue-heading">
        <h2 id="queue-heading">{filters ? heading(filters) : "Alerts"}</h2>
        {problem && (
          <p className="alert error" role="alert">
            These filters cannot be used: {problem}
          </p>
        )}
        {/* Kept mounted once its alerts are closed, so its message stays. */}
        {canClose && <BulkCloseForm action={bulkCloseAlertsAction} />}
        {page && page.rows.length === 0 && <p className="muted">No alerts match these filters.</p>}
        {page && page.rows.length > 0 && (
          <>
            <AlertQueueTable rows={page.rows} ruleDocOf={ruleDocOf} actorHref={(actor) => href({ actor })} />
            <ExplorerPagination
              label="Pages of alerts"
              prevHref={page.prev ? href({}, page.prev) : null}
              nextHref={page.next ? href({}, page.next) : null}
            />
          </>
        )}
      </section>
    </>
  );
}
