import "server-only";
import { z } from "zod";
import { AUDIT_TYPE, recordAccessEvent } from "@/lib/access/record-access-event";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { authorizeReportRead, type TReportActor } from "../engagements/authorize-report";
import { openStoredBundle } from "./sealed-bundle";

const ZReportId = z.uuid();

/**
 * An issued report's evidence bundle (ZIP bytes), recording the download as an anchored access
 * event in the same transaction: no bundle leaves without its event (about the patient, for a
 * report about one).
 */
export async function readReportBundle(
  prisma: PrismaClient,
  id: string,
  actor: TReportActor,
): Promise<{ bytes: Uint8Array; fileName: string; sha256: string }> {
  if (!ZReportId.safeParse(id).success) throw new AppError("not_found", "No such report.");
  const report = await prisma.issuedReport.findUnique({
    where: { id },
    select: { id: true, patientId: true, engagementId: true, issuedById: true },
  });
  if (!report) throw new AppError("not_found", "No such report.");
  // Outside the transaction: a refusal's denied event must commit although the read does not.
  const grant = await authorizeReportRead(prisma, actor, report);
  return prisma.$transaction(async (tx) => {
    const issued = { id: report.id, patientId: report.patientId };
    const row = await tx.issuedReportBundle.findUnique({ where: { reportId: id } });
    if (!row) throw new AppError("conflict", "This report's evidence bundle is not ready.");
    const bytes = await openStoredBundle(tx, issued, row.bundle);
    await recordAccessEvent(tx, {
      type: AUDIT_TYPE.restful.type,
      subtype: AUDIT_TYPE.restful.subtype.export,
      action: "R",
      outcome: "0",
      actorId: actor.id,
      actorRole: actor.role,
      patientId: issued.patientId,
      entityWhat: `IssuedReport/${id}/bundle`,
      query: grant.engagementId ? `engagement=${grant.engagementId}` : null,
    });
    return {
      bytes,
      fileName: `healthledger-report-${id}.zip`,
      sha256: Buffer.from(row.bundleSha256).toString("hex"),
    };
  });
}

/** The bundle as a ZIP download, never cached: what every bundle route answers. */
export function bundleDownloadResponse(bundle: { bytes: Uint8Array; fileName: string; sha256: string }): Response {
  return new Response(Buffer.from(bundle.bytes), {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${bundle.fileName}"`,
      "content-length": String(bundle.bytes.length),
      "x-content-sha256": bundle.sha256,
      "cache-control": "no-store",
    },
  });
}
