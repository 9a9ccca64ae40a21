import "server-only";
import { z } from "zod";
import { can } from "@/lib/access/permissions";
import { AUDIT_TYPE, recordAccessEvent } from "@/lib/access/record-access-event";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { getLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import { authorizeReportRead, type TReportActor } from "../engagements/authorize-report";
import { describeProgress } from "./build-progress";
import { POLL_AFTER_SECONDS } from "./report-build-response";
import { readReportBuild } from "./report-build-job";
import { openStoredBundle } from "./sealed-bundle";

const ZReportId = z.uuid();

/**
 * Slices an organization bundle is sent in: a 100,000-citation bundle (tens of MiB) is never held
 * whole by the app, only one slice at a time (the column is stored uncompressed out of line, so
 * each slice reads its own pages: migration report_builds).
 */
const SLICE_BYTES = 1 << 20;

export type TBundleDownload = {
  fileName: string;
  sha256: string;
  bytes: number;
  /** The ZIP: streamed for an organization report; whole for a patient's, whose AES-GCM tag is checked before any byte leaves. */
  body: ReadableStream<Uint8Array> | Uint8Array;
};

/**
 * Authorizes the download of an issued report's bundle and records it as an anchored access
 * event, then hands out the bundle: no bundle leaves without its event (about the patient, for a
 * report about one). A report still being built is a 409 with Retry-After, for whoever asked for it.
 */
export async function openReportBundle(
  prisma: PrismaClient,
  id: string,
  actor: TReportActor,
  options: { pool?: LedgerPool; whole?: boolean } = {},
): Promise<TBundleDownload> {
  if (!ZReportId.safeParse(id).success) throw new AppError("not_found", "No such report.");
  const report = await prisma.issuedReport.findUnique({
    where: { id },
    select: { id: true, patientId: true, engagementId: true, issuedById: true },
  });
  if (!report) {
    await refuseWhileBuilding(prisma, id, actor);
    throw new AppError("not_found", "No such report.");
  }
  // Outside the transaction: a refusal's denied event must commit although the read does not.
  const grant = await authorizeReportRead(prisma, actor, report);
  return prisma.$transaction(async (tx) => {
    const issued = { id: report.id, patientId: report.patientId };
    const [row] = await tx.$queryRaw<{ sha256: string; bytes: number }[]>`
      SELECT encode("bundleSha256", 'hex') AS sha256, octet_length(bundle) AS bytes
        FROM "IssuedReportBundle" WHERE "reportId" = ${id}::uuid`;
    if (!row) {
      await refuseWhileBuilding(prisma, id, actor);
      throw new AppError("conflict", "This report's evidence bundle is not ready.");
    }
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
    const head = { fileName: `healthledger-report-${id}.zip`, sha256: row.sha256, bytes: Number(row.bytes) };
    if (issued.patientId || options.whole) {
      const stored = await tx.issuedReportBundle.findUniqueOrThrow({
        where: { reportId: id },
        select: { bundle: true },
      });
      const body = await openStoredBundle(tx, issued, stored.bundle);
      return { ...head, bytes: body.length, body };
    }
    return { ...head, body: bundleSlices(options.pool ?? getLedgerPool(), id, head.bytes) };
  });
}

/** The whole ZIP in memory, with the same checks and event (tests, and callers that need the bytes). */
export async function readReportBundle(
  prisma: PrismaClient,
  id: string,
  actor: TReportActor,
): Promise<{ bytes: Uint8Array; fileName: string; sha256: string }> {
  const download = await openReportBundle(prisma, id, actor, { whole: true });
  return { bytes: download.body as Uint8Array, fileName: download.fileName, sha256: download.sha256 };
}

/** While a build of this id goes on (and the actor may follow it), the download is "not yet", not "no". */
async function refuseWhileBuilding(prisma: PrismaClient, id: string, actor: TReportActor) {
  const build = await readReportBuild(prisma, id);
  if (!build || (build.requestedById !== actor.id && !can(actor.role, "reports.all"))) return;
  if (build.status === "building")
    throw new AppError(
      "conflict",
      `This report is still being built (${describeProgress(build.progress)}); try again in a moment.`,
      undefined,
      { retryAfterSeconds: POLL_AFTER_SECONDS * 2 },
    );
  if (build.status === "failed" && build.error)
    throw new AppError("conflict", `This report could not be built: ${build.error.message}`);
}

/** The stored ZIP as a stream of slices read one at a time as the client takes them. */
function bundleSlices(pool: LedgerPool, id: string, total: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (offset >= total) return controller.close();
        // substring() counts from 1. Through pg directly: Prisma's raw queries do not return bytea slices.
        const { rows } = await pool.query<{ part: Buffer }>(
          `SELECT substring(bundle FROM $2::int FOR $3::int) AS part FROM "IssuedReportBundle" WHERE "reportId" = $1::uuid`,
          [id, offset + 1, SLICE_BYTES],
        );
        const part = rows[0]?.part;
        if (!part || part.length === 0) return controller.error(new Error("the stored bundle ended early"));
        offset += part.length;
        controller.enqueue(new Uint8Array(part.buffer, part.byteOffset, part.length));
      },
    },
    { highWaterMark: 1 },
  );
}

/** The bundle as a ZIP download, never cached: what every bundle route answers. */
export function bundleDownloadResponse(bundle: TBundleDownload): Response {
  const body = bundle.body instanceof Uint8Array ? Buffer.from(bundle.body) : bundle.body;
  return new Response(body, {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${bundle.fileName}"`,
      "content-length": String(bundle.bytes),
      "x-content-sha256": bundle.sha256,
      "cache-control": "no-store",
    },
  });
}
