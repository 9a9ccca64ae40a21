import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { listableReportsWhere, type TReportActor } from "../engagements/authorize-report";

export const ZListReportsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** Ids are UUIDv7, so "older than the cursor" is "id below it". */
  cursor: z.uuid("cursor is the nextCursor of a previous page.").optional(),
});

export type TIssuedReportSummary = {
  id: string;
  reportType: string;
  scope: string;
  periodStart: string;
  periodEnd: string;
  issuedAt: string;
  issuedById: string;
  reportSha256: string;
  /** The audit engagement it was issued under (an auditor's), or null. */
  engagementId: string | null;
  /** Null while the bundle is being built (or if building it failed after the report was anchored). */
  bundle: { sha256: string; bytes: number; checkpointSize: number; quorumMet: boolean } | null;
};

/**
 * Issued reports the viewer may see, newest first, one keyset page at a time: all of them for a
 * compliance officer, an auditor's under their active engagements, a patient's own.
 */
export async function listIssuedReports(
  prisma: PrismaClient,
  params: URLSearchParams,
  viewer: TReportActor,
): Promise<{ reports: TIssuedReportSummary[]; nextCursor: string | null }> {
  const parsed = ZListReportsQuery.safeParse(Object.fromEntries(params));
  if (!parsed.success)
    throw new AppError(
      "unprocessable",
      "The query is not valid.",
      parsed.error.issues.map((i) => ({ path: i.path.join(".") || "(query)", message: i.message })),
    );
  const q = parsed.data;
  const rows = await prisma.issuedReport.findMany({
    where: { AND: [await listableReportsWhere(prisma, viewer), q.cursor ? { id: { lt: q.cursor } } : {}] },
    orderBy: { id: "desc" },
    take: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  return {
    reports: await summarizeIssuedReports(prisma, page),
    nextCursor: rows.length > q.limit ? page[page.length - 1].id : null,
  };
}

type TReportRow = {
  id: string;
  reportType: string;
  scope: string;
  periodStart: Date;
  periodEnd: Date;
  issuedAt: Date;
  issuedById: string;
  reportSha256: Uint8Array;
  engagementId: string | null;
};

/** Rows of IssuedReport as the API lists them, with their bundles' sizes and digests (never their bytes). */
export async function summarizeIssuedReports(
  prisma: PrismaClient,
  page: TReportRow[],
): Promise<TIssuedReportSummary[]> {
  // The bundles' sizes and digests without their bytes.
  const bundles = page.length
    ? await prisma.$queryRaw<
        { reportId: string; bundleSha256: string; bytes: number; checkpointSize: bigint; quorumMet: boolean }[]
      >`SELECT "reportId"::text AS "reportId", encode("bundleSha256", 'hex') AS "bundleSha256", octet_length(bundle) AS bytes, "checkpointSize", "quorumMet"
          FROM "IssuedReportBundle" WHERE "reportId"::text IN (${Prisma.join(page.map((r) => r.id))})`
    : [];
  const byId = new Map(bundles.map((b) => [b.reportId, b]));
  return page.map((r) => {
    const b = byId.get(r.id);
    return {
      id: r.id,
      reportType: r.reportType,
      scope: r.scope,
      periodStart: r.periodStart.toISOString(),
      periodEnd: r.periodEnd.toISOString(),
      issuedAt: r.issuedAt.toISOString(),
      issuedById: r.issuedById,
      reportSha256: Buffer.from(r.reportSha256).toString("hex"),
      engagementId: r.engagementId,
      bundle: b
        ? {
            sha256: b.bundleSha256,
            bytes: Number(b.bytes),
            checkpointSize: Number(b.checkpointSize),
            quorumMet: b.quorumMet,
          }
        : null,
    };
  });
}
