import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { accessEventsTableProps } from "@/components/explorer/access-event-rows";
import { AccessEventsTable } from "@/components/explorer/access-events-table";
import { ExplorerFilterForm } from "@/components/explorer/explorer-filter-form";
import { ExplorerPagination } from "@/components/explorer/explorer-pagination";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/access/permissions";
import { requirePagePermission } from "@/lib/auth/guards";
import { getReadPrisma } from "@/lib/db/read-client";
import { AppError } from "@/lib/errors";
import { requestContext } from "@/lib/http/request-context";
import { exploreAccessEvents } from "@/lib/monitor/explorer/explore-access-events";
import { EXPLORER_RULES, type TExplorerFilters } from "@/lib/monitor/explorer/explorer-filters";
import { explorerSearchParams } from "@/lib/monitor/explorer/explorer-query-string";
import { MAX_EXPORT_ROWS } from "@/lib/monitor/explorer/export-access-events-csv";
import { RULE_DOCS } from "@/lib/monitor/rules/rule-docs";
import { patientPseudonymOf, readExplorerOptions } from "@/lib/monitor/explorer/list-explorer-options";
import type { TExplorerPage } from "@/lib/monitor/explorer/list-access-events";
import { applyExplorerFiltersAction } from "./actions";

export const metadata: Metadata = { title: "Access explorer" };

type TSearchParams = Record<string, string | string[] | undefined>;

function toParams(sp: TSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) for (const one of Array.isArray(v) ? v : v ? [v] : []) out.append(k, one);
  return out;
}

/**
 * Every access event, filtered and paged by keyset (docs/access-explorer.md). The address holds
 * ids, codes and times only; each view is itself a recorded consultation of the access log.
 */
export default async function ExplorerPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const user = await requirePagePermission("events.read");
  // Reads only: the consultation event goes to the primary through writeAccessEvent.
  const prisma = getReadPrisma();
  const params = toParams(await searchParams);
  let result: { filters: TExplorerFilters; page: TExplorerPage } | null = null;
  let problem: string | null = null;
  try {
    result = await exploreAccessEvents(prisma, {
      params,
      actor: user,
      ...requestContext(await headers()),
    });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "bad_request") throw error;
    problem = (error.details ?? []).map((d) => d.message).join("; ") || error.message;
  }
  const [{ value: options }, patientPseudonym] = await Promise.all([
    readExplorerOptions(prisma),
    result?.filters.patient ? patientPseudonymOf(prisma, result.filters.patient) : null,
  ]);
  const filters = result?.filters;
  const href = (extra: Partial<TExplorerFilters>, cursor?: string) => {
    const q = explorerSearchParams({ ...(filters ?? { limit: 50 }), ...extra }, { cursor }).toString();
    return q ? `/explorer?${q}` : "/explorer";
  };
  // Officers open a person's card or a patient's "who looked" page from a row; auditors, who see
  // the explorer but not those pages, filter on the person or patient instead.
  const canOpenCards = can(user.role, "dashboard.read");
  const current = filters ? Object.fromEntries(explorerSearchParams(filters)) : {};
  const exportQuery = filters ? explorerSearchParams({ ...filters, limit: undefined }).toString() : "";
  return (
    <>
      <PageHeader
        title="Access explorer"
        subtitle="Every access attempt, allowed or denied, newest first. Patients appear by pseudonym only; each view, lookup and export is itself recorded in the access log."
      />
      <section className="card">
        <h2>Filters</h2>
        <ExplorerFilterForm
          action={applyExplorerFiltersAction}
          current={current}
          departments={options.departments}
          staff={options.staff}
          rules={EXPLORER_RULES}
          patientPseudonym={patientPseudonym}
          canLookUpPatient={user.role === "COMPLIANCE_OFFICER"}
        />
      </section>
      <section className="card section" aria-labelledby="events-heading">
        <div className="section-head">
          <h2 id="events-heading">Access events</h2>
          {result && can(user.role, "events.export") && (
            <a
              className="button secondary"
              href={`/api/monitor/access-events/export${exportQuery ? `?${exportQuery}` : ""}`}
            >
              Download CSV (at most {MAX_EXPORT_ROWS.toLocaleString("en-US")} rows)
            </a>
          )}
        </div>
        {canOpenCards && (filters?.actor || filters?.patient) && (
          <p>
            {filters.actor && <Link href={`/explorer/users/${filters.actor}`}>This person&apos;s card</Link>}
            {filters.actor && filters.patient && " · "}
            {filters.patient && (
              <Link href={`/explorer/patients/${filters.patient}`}>Who looked at this patient&apos;s record</Link>
            )}
          </p>
        )}
        {filters?.rule && (
          <p className="muted">
            Events cited by the privacy alerts of the rule <strong>{filters.rule}</strong>: {RULE_DOCS[filters.rule]}
          </p>
        )}
        {problem && (
          <p className="alert error" role="alert">
            These filters cannot be used: {problem}
          </p>
        )}
        {result && result.page.rows.length === 0 && <p className="muted">No access events match these filters.</p>}
        {result && result.page.rows.length > 0 && (
          <>
            <AccessEventsTable
              {...accessEventsTableProps(result.page.rows, {
                actor: (actorId) => (canOpenCards ? `/explorer/users/${actorId}` : href({ actor: actorId })),
                patient: (patientId) =>
                  canOpenCards ? `/explorer/patients/${patientId}` : href({ patient: patientId }),
              })}
            />
            <ExplorerPagination
              prevHref={result.page.prev ? href({}, result.page.prev) : null}
              nextHref={result.page.next ? href({}, result.page.next) : null}
            />
          </>
        )}
      </section>
    </>
  );
}
