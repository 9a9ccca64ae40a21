// A complete evidence bundle built in memory for tests: a small log with the report's own leaf,
// signed by a log key, cosigned by some of three witnesses, with citations of a few leaves.
import { ed25519 } from "@noble/curves/ed25519.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { unzipSync } from "fflate";
import { cosignCheckpoint, signCheckpoint } from "@/lib/ledger/tlog/checkpoint";
import { bytesToHex, utf8ToBytes } from "@/lib/ledger/tlog/encoding";
import { leafHash, nodeHash, rootFromLeaves, type HashCoord } from "@/lib/ledger/tlog/merkle";
import {
  SIG_TYPE_COSIGNATURE_V1,
  generateSignerKey,
  parseSignerKey,
  verifierKeyFromSigner,
  type NoteSigner,
} from "@/lib/ledger/tlog/note";
import { inclusionProof } from "@/lib/ledger/tlog/proof";
import type { HashReader } from "@/lib/ledger/tlog/tile-math";
import { buildEvidenceBundle } from "@/lib/reports/bundle/build-evidence-bundle";
import { CitationsWriter } from "@/lib/reports/bundle/citations-writer";
import { reportLeafBytes, type TReportLeaf } from "../report-leaf";
import { ed25519PublicKeyToSpkiPem } from "../spki";
import { formatTlogProof } from "../tlog-proof";

/** Perfect-subtree hashes of an in-memory tree, as the database's tiles would serve them. */
export function memoryHashReader(leaves: readonly Uint8Array[]): HashReader {
  const levels: Uint8Array[][] = [[...leaves]];
  while (levels[levels.length - 1].length > 1) {
    const prev = levels[levels.length - 1];
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < prev.length; i += 2) next.push(nodeHash(prev[i], prev[i + 1]));
    levels.push(next);
  }
  return {
    async readHashes(coords: readonly HashCoord[]) {
      return coords.map(({ level, index }) => levels[level][index]);
    },
  };
}

const signer = (name: string): NoteSigner => parseSignerKey(generateSignerKey(name).signerKey);

export type TBundleFixture = {
  zip: Uint8Array;
  files: Record<string, Uint8Array>;
  reportKeyPem: string;
  policy: string;
  logSigner: NoteSigner;
};

export async function buildFixtureBundle(
  opts: {
    cosigners?: number;
    treeSize?: number;
    cited?: number[];
    /** A stand-in PDF (for a test that brings its own PDF check), or a real signed one. */
    withPdf?: boolean;
    pdf?: { bytes: Uint8Array; evidenceCaPem: string; signerPem: string };
    reportJson?: string;
    /** An Art. 15 package: report type gdpr_art15_access, with data.fhir.json named by report.json. */
    withFhirCopy?: boolean;
    /** The signed report type, when a test needs one other than the fixture's. */
    reportType?: string;
  } = {},
): Promise<TBundleFixture> {
  const treeSize = opts.treeSize ?? 40;
  const reportIndex = treeSize - 1;
  const fhirCopy = opts.withFhirCopy
    ? utf8ToBytes(
        '{\n  "resourceType": "Bundle",\n  "type": "collection",\n  "timestamp": "2026-12-06T10:00:00.000Z"\n}\n',
      )
    : undefined;
  const reportJson =
    opts.reportJson ??
    (fhirCopy
      ? `{"files":{"data.fhir.json":{"bytes":${fhirCopy.length},"sha256":"${bytesToHex(sha256(fhirCopy))}"}},"reportType":"gdpr_art15_access"}`
      : '{"reportType":"hipaa_access_report","rows":2}');
  const reportSha256 = bytesToHex(sha256(utf8ToBytes(reportJson)));
  const leafFields: TReportLeaf = {
    id: "7d1c2f0e-8a4b-4c3d-9e2f-1a2b3c4d5e6f",
    reportType: opts.reportType ?? (fhirCopy ? "gdpr_art15_access" : "hipaa_access_report"),
    scope: "patient:pseudonym-0042",
    periodStart: "2026-11-01T00:00:00.000Z",
    periodEnd: "2026-12-01T00:00:00.000Z",
    issuedAt: "2026-12-06T10:00:00.000Z",
    reportSha256,
  };
  const record = reportLeafBytes(leafFields);
  const leaves = Array.from({ length: treeSize }, (_, i) =>
    i === reportIndex ? leafHash(record) : leafHash(utf8ToBytes(`access_event/v1\n{"n":${i}}`)),
  );
  const reader = memoryHashReader(leaves);
  const rootHash = rootFromLeaves(leaves);
  const log = signer("healthledger.test/log");
  const witnesses = ["w1.test", "w2.test", "w3.test"].map(signer);
  const body = `healthledger.test/log\n${treeSize}\n${Buffer.from(rootHash).toString("base64")}\n`;
  let note = signCheckpoint({ origin: "healthledger.test/log", treeSize, rootHash }, log);
  for (const w of witnesses.slice(0, opts.cosigners ?? 2))
    note += cosignCheckpoint({ body, signer: w, timestamp: 1_765_000_000 });
  const policy = [
    `log ${verifierKeyFromSigner(log)}`,
    ...witnesses.map((w, i) => `witness W${i + 1} ${verifierKeyFromSigner(w, SIG_TYPE_COSIGNATURE_V1)}`),
    "group witnesses 2 W1 W2 W3",
    "quorum witnesses",
    "",
  ].join("\n");
  const tlogProof = formatTlogProof({
    extra: record,
    index: reportIndex,
    proof: await inclusionProof(reader, { index: reportIndex, treeSize }),
    checkpoint: note,
  });
  const writer = new CitationsWriter({ treeSize, rootHash });
  const chunks: string[] = [];
  for (const index of opts.cited ?? [0, 3, 17, 18, 38]) {
    const proof = await inclusionProof(reader, { index, treeSize });
    chunks.push(writer.add({ index, leafHash: leaves[index], proof }));
  }
  chunks.push(writer.finish());
  const seed = ed25519.utils.randomSecretKey();
  const publicKey = ed25519.getPublicKey(seed);
  const zip = await buildEvidenceBundle({
    reportJson,
    rowsCsv: "when,who,what\r\n2026-11-02T09:00:00Z,staff-1,Observation/1\r\n",
    ...(fhirCopy ? { reportFiles: { "data.fhir.json": fhirCopy } } : {}),
    citations: chunks,
    tlogProof,
    policy,
    logKey: verifierKeyFromSigner(log),
    ...(opts.pdf ? { pdf: opts.pdf } : {}),
    ...(opts.withPdf && !opts.pdf
      ? {
          pdf: {
            bytes: utf8ToBytes("%PDF-1.7\n% a stand-in: these tests plug in their own PDF check\n%%EOF\n"),
            evidenceCaPem: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
            signerPem: "-----BEGIN CERTIFICATE-----\nAQID\n-----END CERTIFICATE-----\n",
          },
        }
      : {}),
    predicate: {
      reportType: leafFields.reportType,
      scope: leafFields.scope,
      period: { start: leafFields.periodStart, end: leafFields.periodEnd },
      issuedAt: leafFields.issuedAt,
      reportLeafIndex: reportIndex,
      checkpointSize: treeSize,
    },
    signingKey: { seed, publicKey },
  });
  return { zip, files: unzipSync(zip), reportKeyPem: ed25519PublicKeyToSpkiPem(publicKey), policy, logSigner: log };
}
