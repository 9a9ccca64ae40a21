import "server-only";
import type { TIssuedReport } from "./issue-report";
import type { TBuildOutcome } from "./report-build-job";
import { readReportStatus, type TReportStatus } from "./report-status";
import type { TReportActor } from "../engagements/authorize-report";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * How long POST /api/reports waits for the build before answering 202: a small report (seconds)
 * still answers 201 in one request as it always did; a client may ask for up to a minute.
 */
export const ISSUE_WAIT = { defaultMs: 10_000, maxMs: 60_000 };

/** How soon a client following a build should ask again, in seconds (Retry-After). */
export const POLL_AFTER_SECONDS = 1;

const links = (base: string, id: string) => ({ self: `${base}/${id}`, bundle: `${base}/${id}/bundle`, list: base });

/** The 201 of a report issued within the wait: the same body the synchronous API always gave, and where it lives. */
export function issuedResponse(issued: TIssuedReport, base: string): Response {
  return Response.json(
    { ...issued, status: "ready", issuedAt: issued.issuedAt.toISOString(), links: links(base, issued.id) },
    { status: 201, headers: { location: `${base}/${issued.id}`, "cache-control": "no-store" } },
  );
}

/**
 * The answer to POST /api/reports: 201 with the report when the build ended within `waitMs`, its
 * error when it failed within it (the same 4xx/5xx as ever), else 202 Accepted with the status
 * resource in Location and the progress so far (docs/reports-api.md).
 */
export async function issueReportResponse(opts: {
  prisma: PrismaClient;
  actor: TReportActor;
  build: { id: string; settled: Promise<TBuildOutcome> };
  waitMs: number;
  respondAsync: boolean;
  base: string;
}): Promise<Response> {
  const { build, base } = opts;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), opts.waitMs)));
  const outcome = opts.waitMs > 0 ? await Promise.race([build.settled, timeout]) : null;
  clearTimeout(timer);
  if (outcome?.ok) return issuedResponse(outcome.issued, base);
  if (outcome) throw outcome.error;
  const status = await readReportStatus(opts.prisma, build.id, opts.actor);
  return Response.json(
    { ...status, links: links(base, build.id) },
    {
      status: 202,
      headers: {
        location: `${base}/${build.id}`,
        "retry-after": String(POLL_AFTER_SECONDS),
        "cache-control": "no-store",
        ...(opts.respondAsync ? { "preference-applied": "respond-async" } : {}),
      },
    },
  );
}

/** GET /api/reports/<id>: the status, asking the client to come back while it is building. */
export function reportStatusResponse(status: TReportStatus, base: string): Response {
  return Response.json(
    { ...status, links: links(base, status.id) },
    {
      headers: {
        "cache-control": "no-store",
        ...(status.status === "building" ? { "retry-after": String(POLL_AFTER_SECONDS) } : {}),
      },
    },
  );
}
