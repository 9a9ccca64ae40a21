import "server-only";
import crypto from "node:crypto";
import { dbBytes } from "@/lib/db/bytes";
import { AUDIT_TYPE, recordAccessEvent } from "@/lib/access/record-access-event";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { newAnchoredRowId } from "@/lib/ledger/anchored-row-id";
import { canonicalJson } from "@/lib/ledger/kinds/canonical-json";
import { getLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import { getLogKeys, type LogKeys } from "@/lib/ledger/log-keys";
import { awaitSealed } from "@/lib/ledger/seal/await-sealed";
import { enqueueLeaf } from "@/lib/ledger/seal/enqueue-leaf";
import { openCheckpoint } from "@/lib/ledger/tlog/checkpoint";
import { bytesToHex } from "@/lib/ledger/tlog/encoding";
import {
  awaitCosignedCheckpoint,
  latestCosignedCheckpoint,
  witnessPolicyText,
  type TCosignedCheckpoint,
} from "@/lib/ledger/witness/cosigned-checkpoint";
import { witnessSetup, type TWitnessSetup } from "@/lib/ledger/witness/witness-endpoints";
import { BUNDLE_FILES, BUNDLE_ORDER, OPTIONAL_FILES } from "@/lib/reports/verify/layout";
import { assembleEvidenceBundle } from "../bundle/assemble-evidence-bundle";
import { openPatientKey } from "@/lib/keys/open-patient-key";
import { sealPatientBytes } from "@/lib/keys/patient-text";
import { getEvidenceSigner, type TEvidenceSigner } from "../certificates/load-evidence-signer";
import { authorizeReportIssue, type TReportActor } from "../engagements/authorize-report";
import { renderSignedReportPdf } from "../pdf/render-signed-report-pdf";
import type { TReportParams } from "./report-builder";
import { REPORT_BUILDERS } from "./report-builders";
import { catalogEntry } from "./report-catalog";
import { ZIssueReportRequest, type TIssueReportRequest } from "./report-types";
import type { TBuildProgress } from "./build-progress";
import { BUNDLE_COLUMN } from "./sealed-bundle";

export type TIssueReportDeps = {
  prisma: PrismaClient;
  pool?: LedgerPool;
  setup?: TWitnessSetup;
  logKeys?: LogKeys;
  signer?: TEvidenceSigner;
  /** How long to wait for the report's leaf to be sealed (it is always sealed before the bundle). */
  sealTimeoutMs?: number;
  /** How long to wait for the witnesses' quorum on a checkpoint covering the leaf; then it is issued anyway, saying so. */
  quorumTimeoutMs?: number;
};

export type TIssuedReport = {
  id: string;
  reportType: string;
  issuedAt: Date;
  ledgerIndex: number;
  checkpointSize: number;
  quorumMet: boolean;
  cosignedBy: string[];
  bundleSha256: string;
  bundleBytes: number;
};

/** A request that passed validation and authorization: what the build needs, nothing written yet. */
export type TPreparedReport = {
  id: string;
  type: TIssueReportRequest["type"];
  issuedAt: Date;
  actor: TReportActor;
  params: TReportParams;
  engagementId: string | null;
};

export type TProgressListener = (progress: TBuildProgress) => void;

/**
 * Issues a report of any type in the catalog: its builder (report-builders.ts) reads report.json's
 * content (RFC 8785), rows.csv and the PDF's sections from the database; this records the report
 * and its "report_issued" leaf with the issuer's access event in one transaction, waits
 * until the leaf is sealed and a checkpoint covering it has the witnesses' quorum (bounded: after
 * that it is issued on the best checkpoint there is, and the PDF's first page says the quorum was
 * not met), signs the PDF, assembles the evidence bundle and stores it.
 *
 * report.json is bound by its hash into the leaf, so it cannot name the checkpoint that will
 * include that leaf: it states the quorum of the checkpoint it attests; the bundle's own
 * checkpoint and its quorum are on the PDF's first page, in report.tlog-proof and in the table.
 */
export async function issueReport(
  request: unknown,
  actor: TReportActor,
  deps: TIssueReportDeps,
  onProgress?: TProgressListener,
): Promise<TIssuedReport> {
  return completeReportIssue(await prepareReportIssue(request, actor, deps), deps, onProgress);
}

/**
 * The part of an issue that answers at once: the request is valid (422) and the actor may issue
 * it (403, recorded as a denied access event). The report's id is chosen here, so a build that
 * goes on in the background can be followed under it before the report row exists.
 */
export async function prepareReportIssue(
  request: unknown,
  actor: TReportActor,
  deps: Pick<TIssueReportDeps, "prisma">,
): Promise<TPreparedReport> {
  const parsed = ZIssueReportRequest.safeParse(request);
  if (!parsed.success)
    throw new AppError(
      "unprocessable",
      "The report request is not valid.",
      parsed.error.issues.map((i) => ({ path: i.path.join(".") || "(body)", message: i.message })),
    );
  const { type } = parsed.data;
  const issuedAt = new Date();
  const asked = paramsAt(parsed.data, issuedAt);
  // Before anything is built: an auditor outside their engagements, or a patient asking about
  // someone else, is refused (403, recorded as a denied access event).
  const grant = await authorizeReportIssue(deps.prisma, actor, { type, ...asked }, issuedAt);
  const params: TReportParams = { ...asked, period: asked.period ?? grant.period };
  return { id: newAnchoredRowId(), type, issuedAt, actor, params, engagementId: grant.engagementId };
}

/** Builds, anchors, witnesses, signs and stores a prepared report, saying which phase it is in. */
export async function completeReportIssue(
  prepared: TPreparedReport,
  deps: TIssueReportDeps,
  onProgress: TProgressListener = () => {},
): Promise<TIssuedReport> {
  const { id, type, issuedAt, actor, params } = prepared;
  const pool = deps.pool ?? getLedgerPool();
  const setup = deps.setup ?? witnessSetup();
  const logKeys = deps.logKeys ?? getLogKeys();
  // Loaded (and checked) before anything is written: a broken signer must not leave a report behind.
  const signer = deps.signer ?? getEvidenceSigner();

  onProgress({ phase: "reading", done: 0, total: 0 });
  const built = await REPORT_BUILDERS[type].build(
    { prisma: deps.prisma, pool, setup, logKeys, issuedAt, actor: { id: actor.id, role: actor.role } },
    params,
  );
  const scope = built.scope;
  const period = { start: built.period.start.toISOString(), end: built.period.end.toISOString() };
  const reportJson = canonicalJson({
    ...built.content,
    id,
    reportType: type,
    scope,
    period,
    issuedAt: issuedAt.toISOString(),
    issuedBy: actor.id,
  });
  const reportSha256 = crypto.createHash("sha256").update(reportJson, "utf8").digest();

  onProgress({ phase: "anchoring", done: 0, total: 0 });
  await deps.prisma.$transaction(async (tx) => {
    const row = await tx.issuedReport.create({
      data: {
        id,
        reportType: type,
        scope,
        patientId: built.patientId ?? null,
        periodStart: built.period.start,
        periodEnd: built.period.end,
        issuedAt,
        issuedById: actor.id,
        reportSha256: dbBytes(reportSha256),
        engagementId: prepared.engagementId,
      },
    });
    await enqueueLeaf(tx, { kind: "report_issued", row });
    await recordAccessEvent(tx, {
      type: AUDIT_TYPE.restful.type,
      subtype: AUDIT_TYPE.restful.subtype.create,
      action: "C",
      outcome: "0",
      actorId: actor.id,
      actorRole: actor.role,
      patientId: built.patientId,
      entityWhat: `IssuedReport/${id}`,
      // The engagement is anchored here: the report leaf's format is fixed (report-leaf.ts).
      query: prepared.engagementId ? `engagement=${prepared.engagementId}` : null,
    });
  });

  onProgress({ phase: "sealing", done: 0, total: 0 });
  const receipt = await awaitSealed({
    pool,
    kind: "report_issued",
    rowId: id,
    timeoutMs: deps.sealTimeoutMs ?? 10_000,
  });
  onProgress({ phase: "witnessing", done: 0, total: 0 });
  const cosigned = await checkpointFor(receipt, { pool, setup, logKeys, timeoutMs: deps.quorumTimeoutMs ?? 10_000 });
  const cp = openCheckpoint(cosigned.note, logKeys.verifier);

  onProgress({ phase: "signing", done: 0, total: 0 });
  const entry = catalogEntry(type);
  const pdf = await renderSignedReportPdf({
    signer: signer.pdfSigner,
    report: {
      title: entry.title,
      reportType: entry.subtitle,
      scope: built.scopeText,
      period: { from: built.period.start, to: built.period.end },
      issuedAt,
      issuer: `HealthLedger (${logKeys.origin})`,
      checkpoint: { origin: cp.origin, size: cp.treeSize, rootHash: bytesToHex(cp.rootHash) },
      witnessQuorum: {
        met: cosigned.quorumMet,
        cosignatures: cosigned.cosignedBy.length,
        required: cosigned.quorum.k,
        witnesses: cosigned.cosignedBy,
      },
      sections: built.sections,
    },
  });

  const chunks: Uint8Array[] = [];
  // The files this bundle holds: the optional ones only when the builder made them.
  const files = BUNDLE_ORDER.filter((name) => !OPTIONAL_FILES.includes(name) || built.files?.[name] !== undefined);
  let filesWritten = 0;
  let citationsWritten = false;
  onProgress({ phase: "citations", done: 0, total: 0 });
  await assembleEvidenceBundle(
    {
      pool,
      report: {
        json: reportJson,
        rowsCsv: built.rowsCsv,
        files: built.files,
        pdf: { bytes: pdf, evidenceCaPem: signer.caPem, signerPem: signer.signerPem },
      },
      reportLeaf: {
        index: receipt.index,
        fields: {
          id,
          reportType: type,
          scope,
          periodStart: period.start,
          periodEnd: period.end,
          issuedAt: issuedAt.toISOString(),
          reportSha256: reportSha256.toString("hex"),
        },
      },
      citedIndexes: built.citedIndexes,
      cosignedCheckpoint: cosigned.note,
      policy: witnessPolicyText({ setup, logKeys }),
      onProgress: (p) => {
        // The PDF, report.json and rows.csv go in first, quickly; then citations.json, whose
        // proofs are the long part (counted in events); then the rest of the files, counted.
        if (p.phase === "citations") return onProgress({ phase: "citations", done: p.done, total: p.total });
        filesWritten++;
        citationsWritten ||= p.file === BUNDLE_FILES.citations;
        if (citationsWritten)
          onProgress({ phase: "files", done: Math.min(filesWritten, files.length), total: files.length });
      },
    },
    (chunk) => void chunks.push(chunk),
  );
  onProgress({ phase: "storing", done: 0, total: 0 });
  const bundle = Buffer.concat(chunks);
  chunks.length = 0;
  const bundleSha256 = crypto.createHash("sha256").update(bundle).digest();
  const stored = built.patientId ? await sealForPatient(deps.prisma, built.patientId, id, bundle) : bundle;
  await deps.prisma.issuedReportBundle.create({
    data: {
      reportId: id,
      bundle: dbBytes(stored),
      bundleSha256: dbBytes(bundleSha256),
      checkpointSize: BigInt(cp.treeSize),
      quorumMet: cosigned.quorumMet,
    },
  });
  return {
    id,
    reportType: type,
    issuedAt,
    ledgerIndex: receipt.index,
    checkpointSize: cp.treeSize,
    quorumMet: cosigned.quorumMet,
    cosignedBy: cosigned.cosignedBy,
    bundleSha256: bundleSha256.toString("hex"),
    bundleBytes: bundle.length,
  };
}

/** The builder's view of a valid request: dates parsed, the period ending no later than the issue. */
function paramsAt(request: TIssueReportRequest, issuedAt: Date): TReportParams {
  const ids = { patientId: request.patientId, erasureRequestId: request.erasureRequestId, sort: request.sort };
  if (!request.period) return ids;
  const from = new Date(request.period.from);
  if (from > issuedAt)
    throw new AppError("unprocessable", "The report request is not valid.", [
      { path: "period.from", message: "the period must not start in the future" },
    ]);
  const to = new Date(Math.min(Date.parse(request.period.to), issuedAt.getTime()));
  return { ...ids, period: { from, to } };
}

/** A report about one patient is stored sealed under their data key: erasing the key shreds it. */
async function sealForPatient(prisma: PrismaClient, patientId: string, reportId: string, bundle: Buffer) {
  const key = await openPatientKey(prisma, patientId);
  try {
    return sealPatientBytes(key.dek, { column: BUNDLE_COLUMN, patientId, rowId: reportId }, bundle);
  } finally {
    key.dek.fill(0);
  }
}

/**
 * A checkpoint that includes the leaf: cosigned by the quorum if that happens in time, else the
 * latest one with the cosignatures it has (the quorum's own answer may be an older size that does
 * not include the leaf); failing that, the block that sealed the leaf, uncosigned.
 */
async function checkpointFor(
  receipt: { index: number; checkpoint: string },
  opts: { pool: LedgerPool; setup: TWitnessSetup; logKeys: LogKeys; timeoutMs?: number },
): Promise<TCosignedCheckpoint> {
  const cp = await awaitCosignedCheckpoint({ ...opts, atLeastTreeSize: receipt.index + 1, timeoutMs: opts.timeoutMs });
  if (cp && cp.treeSize > receipt.index) return cp;
  const quorum = { k: opts.setup.quorum, n: opts.setup.witnesses.length };
  // With no quorum asked for, the latest checkpoint comes back with the cosignatures it has.
  const latest = await latestCosignedCheckpoint({ ...opts, setup: { ...opts.setup, quorum: 0 } });
  if (latest && latest.treeSize > receipt.index)
    return { ...latest, quorum, quorumMet: latest.cosignedBy.length >= quorum.k };
  const treeSize = openCheckpoint(receipt.checkpoint, opts.logKeys.verifier).treeSize;
  return { treeSize, note: receipt.checkpoint, cosignedBy: [], quorum, quorumMet: quorum.k === 0 };
}
