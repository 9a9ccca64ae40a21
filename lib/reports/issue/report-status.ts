import "server-only";
import { z } from "zod";
import { can } from "@/lib/access/permissions";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { listableReportsWhere, type TReportActor } from "../engagements/authorize-report";
import { describeProgress, progressFraction, type TBuildProgress } from "./build-progress";
import { summarizeIssuedReports, type TIssuedReportSummary } from "./list-issued-reports";
import { readReportBuild, type TBuildError } from "./report-build-job";

export type TReportStatus =
  | {
      id: string;
      status: "building";
      reportType: string;
      startedAt: string;
      progress: TBuildProgress & { fraction: number; text: string };
    }
  | { id: string; status: "ready"; reportType: string; report: TIssuedReportSummary }
  | { id: string; status: "failed"; reportType: string; error: TBuildError };

/**
 * Where one report stands: still being built (phase and counts), ready (as the list shows it),
 * or failed (why). A build is seen by whoever asked for it and by compliance officers; a report,
 * by whoever may list it. Anything else is 404, so an id reveals nothing. Reading the status is
 * no access to the report's content and is not recorded; the download is.
 */
export async function readReportStatus(prisma: PrismaClient, id: string, actor: TReportActor): Promise<TReportStatus> {
  if (!z.uuid().safeParse(id).success) throw new AppError("not_found", "No such report.");
  const build = await readReportBuild(prisma, id);
  const row = await listableReport(prisma, id, actor);
  const seesBuild = build !== null && (build.requestedById === actor.id || can(actor.role, "reports.all"));
  if (build && seesBuild && build.status !== "ready") {
    if (build.status === "failed") return { id, status: "failed", reportType: build.reportType, error: build.error! };
    return {
      id,
      status: "building",
      reportType: build.reportType,
      startedAt: build.startedAt.toISOString(),
      progress: {
        ...build.progress,
        fraction: progressFraction(build.progress),
        text: describeProgress(build.progress),
      },
    };
  }
  if (!row) throw new AppError("not_found", "No such report.");
  const [report] = await summarizeIssuedReports(prisma, [row]);
  if (report.bundle) return { id, status: "ready", reportType: report.reportType, report };
  // Anchored, but its bundle was never stored (the sequencer was down, or an older instance died).
  return {
    id,
    status: "failed",
    reportType: report.reportType,
    error: { code: "unavailable", message: "This report was anchored but its evidence bundle was not built." },
  };
}

async function listableReport(prisma: PrismaClient, id: string, actor: TReportActor) {
  return prisma.issuedReport.findFirst({ where: { AND: [await listableReportsWhere(prisma, actor), { id }] } });
}
