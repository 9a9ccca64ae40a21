import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * The newest erasure certificate issued as a report (with its bundle stored) for each of these
 * erasure requests: request id → report id, for the erasure page's download links. The report's
 * scope names the request (erasure-certificate-report.ts).
 */
export async function latestErasureCertificates(prisma: PrismaClient, requestIds: readonly string[]) {
  if (requestIds.length === 0) return new Map<string, string>();
  const rows = await prisma.issuedReport.findMany({
    where: { reportType: "erasure_certificate", scope: { in: requestIds.map((id) => `erasure:${id}`) } },
    orderBy: [{ issuedAt: "desc" }, { id: "desc" }],
    select: { id: true, scope: true },
  });
  const bundled = new Set(
    (
      await prisma.issuedReportBundle.findMany({
        where: { reportId: { in: rows.map((r) => r.id) } },
        select: { reportId: true },
      })
    ).map((b) => b.reportId),
  );
  const latest = new Map<string, string>();
  for (const r of rows) {
    const requestId = r.scope.slice("erasure:".length);
    if (bundled.has(r.id) && !latest.has(requestId)) latest.set(requestId, r.id);
  }
  return latest;
}
