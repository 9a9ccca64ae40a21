import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ExplorerPagination } from "@/components/explorer/explorer-pagination";
import { WhoLookedTable } from "@/components/explorer/who-looked-table";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { requestContext } from "@/lib/http/request-context";
import { viewWhoLooked } from "@/lib/monitor/who-looked/view-who-looked";
import { whoLookedSearchParams } from "@/lib/monitor/who-looked/who-looked-query";

export const metadata: Metadata = { title: "Who looked at this record" };

function toParams(sp: Record<string, string | string[] | undefined>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) for (const one of Array.isArray(v) ? v : v ? [v] : []) out.append(k, one);
  return out;
}

/**
 * Every access to one patient's data, allowed or denied, grouped by person (lib/monitor/who-looked).
 * The patient is in the path by pseudonymous id and shown by pseudonym: never a name or an MRN.
 * Each view is itself a recorded consultation of the access log about the patient.
 */
export default async function WhoLookedPage({
  params,
  searchParams,
}: {
  params: Promise<{ patientId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requirePagePermission("dashboard.read");
  const { patientId } = await params;
  const query = toParams(await searchParams);
  let result: Awaited<ReturnType<typeof viewWhoLooked>> = null;
  let problem: string | null = null;
  try {
    result = await viewWhoLooked(getPrisma(), {
      patientId,
      params: query,
      actor: viewer,
      ...requestContext(await headers()),
    });
    if (!result) notFound();
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "bad_request") throw error;
    problem = (error.details ?? []).map((d) => d.message).join("; ") || error.message;
  }
  const self = `/explorer/patients/${patientId}`;
  const page = result?.page;
  const pseudonym = page?.patient.pseudonym;
  const href = (cursor: string) => `${self}?${whoLookedSearchParams(result!.query, cursor).toString()}`;
  return (
    <>
      <PageHeader
        title={pseudonym ? `Who looked at ${pseudonym}` : "Who looked at this record"}
        subtitle="Everyone who reached or tried to reach this patient's data, allowed or denied, one row a person, from the rollups of the sealed access log. The patient is shown by pseudonym only; this view is itself recorded in the access log."
      />
      <nav className="form-row" aria-label="Related pages">
        <Link href="/explorer">← Access explorer</Link>
        <Link href={`/explorer?patient=${patientId}`}>Every event about this patient in the explorer</Link>
      </nav>
      <form className="form-row card" aria-label="Choose the period" method="get" action={self}>
        <label>
          From (UTC day)
          <input type="date" name="from" defaultValue={result?.query.from ?? ""} />
        </label>
        <label>
          To (UTC day, included)
          <input type="date" name="to" defaultValue={result?.query.to ?? ""} />
        </label>
        <button className="button" type="submit">
          Show
        </button>
        <Link href={self}>Whole history</Link>
      </form>
      <section className="card section" aria-labelledby="people-heading">
        <h2 id="people-heading">
          {page
            ? `${page.totals.people.toLocaleString("en-US")} ${page.totals.people === 1 ? "person" : "people"}, ${page.totals.times.toLocaleString("en-US")} accesses`
            : "People"}
        </h2>
        {problem && (
          <p className="alert error" role="alert">
            This page cannot be shown: {problem} <Link href={self}>Start again</Link>
          </p>
        )}
        {page && page.entries.length === 0 && (
          <p className="muted">Nobody accessed this patient&apos;s data in this period (sealed events only).</p>
        )}
        {page && page.entries.length > 0 && (
          <>
            <WhoLookedTable entries={page.entries} userHref={(id) => `/explorer/users/${id}`} />
            <ExplorerPagination
              label="Pages of people"
              prevHref={page.prev ? href(page.prev) : null}
              nextHref={page.next ? href(page.next) : null}
            />
          </>
        )}
        <p className="muted small">
          Times count every attempt, refused ones included; an event appears here once the ledger has sealed it and the
          monitor has counted it (within seconds).
        </p>
      </section>
    </>
  );
}
