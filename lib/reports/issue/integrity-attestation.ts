import "server-only";
// The integrity attestation: what the log's own checks and its witnesses say about it at the
// moment of issue — the latest recorded verification run and its findings, the latest checkpoint
// and the cosignatures on it, and each witness's last cosigned size and time. It holds no PHI:
// findings name ledger indexes, tables and row ids, never a row's content.
import { AppError } from "@/lib/errors";
import { openCheckpoint } from "@/lib/ledger/tlog/checkpoint";
import { bytesToHex } from "@/lib/ledger/tlog/encoding";
import { latestCosignedCheckpoint } from "@/lib/ledger/witness/cosigned-checkpoint";
import { listWitnessStatus } from "@/lib/ledger/witness/witness-status";
import { parseStoredFindings, type TStoredFinding } from "@/lib/ledger/verify/verification-findings";
import { csvLine } from "@/lib/monitor/explorer/csv-cell";
import type { TBuiltReport, TReportBuildContext, TReportBuilder } from "./report-builder";
import { sinceFirstBlock, utcSeconds } from "./report-time";

/** report.json's format; its fields are part of every issued attestation. */
export const INTEGRITY_ATTESTATION_FORMAT = "healthledger.integrity-attestation/v1";
const FINDING_COLUMNS = ["index", "table", "rowId", "blockHeight", "code", "problem"] as const;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const utc = (isoText: string | null) => (isoText ? utcSeconds(new Date(isoText)) : "");

export const integrityAttestationBuilder: TReportBuilder = {
  type: "integrity_attestation",
  build: (ctx) => buildIntegrityAttestation(ctx),
};

/** The period is the log's whole life: from its first block to the issue. */
export async function buildIntegrityAttestation(input: TReportBuildContext): Promise<TBuiltReport> {
  const run = await input.prisma.verificationRun.findFirst({ orderBy: [{ finishedAt: "desc" }, { id: "desc" }] });
  if (!run) throw new AppError("conflict", "No verification run has been recorded yet: run a full verification first.");
  const runLeaf = await input.prisma.ledgerEntry.findUnique({
    where: { rowId_kind: { rowId: run.id, kind: "integrity_run" } },
    select: { index: true },
  });
  if (!runLeaf)
    throw new AppError("conflict", "The latest verification run is not sealed into the ledger yet: try again shortly.");
  // The witnesses' status first, then the checkpoint: a cosignature arriving in between then shows
  // on the checkpoint (newer than the table) rather than in the table but not on the checkpoint.
  const status = await listWitnessStatus({ pool: input.pool, setup: input.setup });
  const [cosigned, period] = await Promise.all([
    latestCosignedCheckpoint({ pool: input.pool, setup: input.setup, logKeys: input.logKeys }),
    sinceFirstBlock(input.prisma, input.issuedAt),
  ]);
  if (!cosigned) throw new AppError("conflict", "The ledger has no checkpoint yet.");
  const cp = openCheckpoint(cosigned.note, input.logKeys.verifier);
  const findings: TStoredFinding[] = parseStoredFindings(run.findings);
  const checkpoint = {
    origin: cp.origin,
    treeSize: cp.treeSize,
    rootHash: bytesToHex(cp.rootHash),
    cosignedBy: cosigned.cosignedBy,
    quorum: cosigned.quorum,
    quorumMet: cosigned.quorumMet,
  };
  const witnesses = status.witnesses.map((w) => ({
    name: w.name,
    keyName: w.keyName,
    cosignedTreeSize: w.cosignedTreeSize,
    cosignedAt: iso(w.cosignedAt),
    lag: w.lag,
    lastError: w.lastError,
  }));
  const verificationRun = {
    id: run.id,
    ledgerIndex: Number(runLeaf.index),
    mode: run.mode,
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
    ok: run.ok,
    treeSize: Number(run.treeSize),
    findingCount: run.findingCount,
    findingsListed: findings.length,
  };
  const rowsCsv =
    csvLine(FINDING_COLUMNS) +
    findings.map((f) => csvLine([f.index, f.table, f.rowId, f.blockHeight, f.code ?? null, f.problem])).join("");
  return {
    content: { format: INTEGRITY_ATTESTATION_FORMAT, verificationRun, findings, checkpoint, witnesses },
    rowsCsv,
    citedIndexes: [verificationRun.ledgerIndex],
    period,
    scope: "organization",
    scopeText: "The whole ledger of this HealthLedger installation",
    sections: [
      {
        heading: "Latest verification run",
        blocks: [
          {
            kind: "paragraph",
            text:
              `A ${run.mode} verification of the ledger up to size ${verificationRun.treeSize} ran from ` +
              `${utc(verificationRun.startedAt)} to ${utc(verificationRun.finishedAt)} and ` +
              (run.ok ? "found no problem." : `found ${run.findingCount} problem(s).`) +
              ` Its own record is ledger leaf ${verificationRun.ledgerIndex} (run ${run.id}), cited in citations.json.`,
          },
        ],
      },
      {
        heading: "Checkpoint and witnesses",
        blocks: [
          {
            kind: "paragraph",
            text:
              (cosigned.quorumMet
                ? "The latest checkpoint meeting the witnesses' quorum at issue time: "
                : "No checkpoint met the witnesses' quorum at issue time; the latest one: ") +
              `${cp.origin}, size ${cp.treeSize}, root ${checkpoint.rootHash}; ` +
              `cosigned by ${cosigned.cosignedBy.length} of ${cosigned.quorum.n} witnesses (quorum ${cosigned.quorum.k}` +
              `${cosigned.quorumMet ? ", met" : ", NOT met"}).`,
          },
          {
            kind: "table",
            caption: "Each witness's last cosignature",
            columns: [
              { header: "Witness", weight: 2 },
              { header: "Last cosigned size", align: "right" },
              { header: "Cosigned at", weight: 2 },
              { header: "Lag", align: "right" },
              { header: "Last error", weight: 3 },
            ],
            rows: witnesses.map((w) => [
              w.name,
              w.cosignedTreeSize === null ? "never" : String(w.cosignedTreeSize),
              utc(w.cosignedAt),
              String(w.lag),
              w.lastError ?? "",
            ]),
          },
        ],
      },
      {
        heading: "Findings",
        blocks: [
          findings.length === 0
            ? { kind: "paragraph", text: "None." }
            : {
                kind: "table",
                caption:
                  findings.length < run.findingCount
                    ? `The first ${findings.length} of ${run.findingCount} findings (all listed in the run's record)`
                    : undefined,
                columns: [
                  { header: "Index", align: "right" },
                  { header: "Table", weight: 2 },
                  { header: "Row", weight: 3 },
                  { header: "Code", weight: 2 },
                  { header: "Problem", weight: 5 },
                ],
                rows: findings.map((f) => [
                  f.index === null ? "" : String(f.index),
                  f.table ?? "",
                  f.rowId ?? "",
                  f.code ?? "",
                  f.problem.slice(0, 4000),
                ]),
              },
        ],
      },
    ],
  };
}
