import "server-only";
import { sha256 } from "@noble/hashes/sha2.js";
import { getReportSigningKey } from "@/lib/config/report-signing-key";
import { AppError } from "@/lib/errors";
import type { LedgerPool } from "@/lib/ledger/ledger-pool";
import { getLogKeys } from "@/lib/ledger/log-keys";
import { openCheckpoint } from "@/lib/ledger/tlog/checkpoint";
import { bytesToHex, utf8ToBytes } from "@/lib/ledger/tlog/encoding";
import type { TBundleFileName } from "@/lib/reports/verify/layout";
import { reportLeafBytes, type TReportLeaf } from "@/lib/reports/verify/report-leaf";
import { writeEvidenceBundle } from "./build-evidence-bundle";
import { reportTlogProof } from "./report-tlog-proof";
import { streamCitations } from "./stream-citations";

export type TBundleProgress =
  { phase: "citations"; done: number; total: number } | { phase: "file"; file: TBundleFileName };

export type TAssembleBundleInput = {
  pool: LedgerPool;
  /** report.json (RFC 8785 bytes), rows.csv, and the signed PDF with its certificates when there is one. */
  report: {
    json: Uint8Array | string;
    rowsCsv: Uint8Array | string;
    /** The files only some report formats carry (an Art. 15 package's data.fhir.json), by name. */
    files?: Partial<Record<TBundleFileName, Uint8Array | string>>;
    pdf?: { bytes: Uint8Array; evidenceCaPem: string; signerPem: string };
  };
  /** The report's own anchored leaf: its fields and its ledger index, sealed before the bundle is built. */
  reportLeaf: { index: number; fields: TReportLeaf };
  /** Ledger indexes of every event the report cites. */
  citedIndexes: Iterable<number>;
  /** A checkpoint including the report's leaf, with the witnesses' cosignatures (lib/ledger/witness). */
  cosignedCheckpoint: string;
  /** The C2SP tlog-policy text of the log and its witnesses (lib/ledger/witness). */
  policy: string;
  onProgress?: (p: TBundleProgress) => void;
};

/**
 * Streams the evidence bundle of an issued report to `sink`, reading every proof from the ledger
 * against the one cosigned checkpoint, and signing the statement with the report-signing key.
 */
export async function assembleEvidenceBundle(
  input: TAssembleBundleInput,
  sink: (chunk: Uint8Array) => void | Promise<void>,
): Promise<void> {
  const { fields, index } = input.reportLeaf;
  const json = typeof input.report.json === "string" ? utf8ToBytes(input.report.json) : input.report.json;
  if (bytesToHex(sha256(json)) !== fields.reportSha256)
    throw new AppError("conflict", "report.json is not the report its ledger leaf anchors");
  const logKeys = getLogKeys();
  // The log's own signature first: a note from elsewhere would make every proof below meaningless.
  const checkpoint = openCheckpoint(input.cosignedCheckpoint, logKeys.verifier);
  if (index >= checkpoint.treeSize)
    throw new AppError(
      "conflict",
      `the checkpoint of size ${checkpoint.treeSize} does not include report leaf ${index}`,
    );
  const tlogProof = await reportTlogProof({
    pool: input.pool,
    index,
    leafBytes: reportLeafBytes(fields),
    cosignedCheckpoint: input.cosignedCheckpoint,
  });
  const key = getReportSigningKey();
  await writeEvidenceBundle(
    {
      reportJson: json,
      rowsCsv: input.report.rowsCsv,
      reportFiles: input.report.files,
      pdf: input.report.pdf,
      citations: streamCitations({
        db: input.pool,
        indexes: input.citedIndexes,
        tree: checkpoint,
        onProgress: (done, total) => input.onProgress?.({ phase: "citations", done, total }),
      }),
      tlogProof,
      policy: input.policy,
      logKey: logKeys.verifierKey,
      predicate: {
        reportType: fields.reportType,
        scope: fields.scope,
        period: { start: fields.periodStart, end: fields.periodEnd },
        issuedAt: fields.issuedAt,
        reportLeafIndex: index,
        checkpointSize: checkpoint.treeSize,
      },
      signingKey: { seed: key.seed, publicKey: key.publicKey, keyId: key.keyId },
      onFile: (file) => input.onProgress?.({ phase: "file", file }),
    },
    sink,
  );
}
