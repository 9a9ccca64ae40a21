import { sha256 } from "@noble/hashes/sha2.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { getReportSigningKey } from "@/lib/config/report-signing-key";
import { newAnchoredRowId } from "@/lib/ledger/anchored-row-id";
import { createLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import { getLogKeys } from "@/lib/ledger/log-keys";
import { readLatestBlock } from "@/lib/ledger/read-ledger-state";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { appendAccessEvents, insertQueueEntries } from "@/lib/ledger/testing/ledger-fixtures";
import { cosignCheckpoint } from "@/lib/ledger/tlog/checkpoint";
import { leafHash } from "@/lib/ledger/tlog/merkle";
import { bytesToHex, utf8ToBytes } from "@/lib/ledger/tlog/encoding";
import { parseNote, parseSignerKey, parseVerifierKey } from "@/lib/ledger/tlog/note";
import { generateWitnessKey } from "@/lib/ledger/witness/witness-key";
import { formatWitnessPolicy } from "@/lib/ledger/witness/witness-policy";
import { reportLeafBytes, type TReportLeaf } from "@/lib/reports/verify/report-leaf";
import { verifyEvidenceBundle } from "@/lib/reports/verify/verify-bundle";
import { assembleEvidenceBundle, type TAssembleBundleInput, type TBundleProgress } from "./assemble-evidence-bundle";

const REPORT_JSON = '{"reportType":"audit_log_review","rows":[]}';
let db: TTestDatabase;
let pool: LedgerPool;
let base: TAssembleBundleInput;
// Witness keys and the policy text as lib/ledger/witness makes them, so the formats meet here.
const witnessKeys = ["w1.test", "w2.test", "w3.test"].map((n) => generateWitnessKey(n));
const witnesses = witnessKeys.map((k) => parseSignerKey(k.signerKey));
const setup = (quorum: number) => ({
  quorum,
  witnesses: witnessKeys.map((k, i) => ({
    name: `W${i + 1}`,
    url: `http://127.0.0.1:${7000 + i}/`,
    verifierKey: k.verifierKey,
    verifier: parseVerifierKey(k.verifierKey),
  })),
});

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createLedgerPool(db.url);
  await appendAccessEvents(pool, 3_000);
  await sealPending({ pool });
  const fields: TReportLeaf = {
    id: newAnchoredRowId(),
    reportType: "audit_log_review",
    scope: "organization",
    periodStart: "2026-11-01T00:00:00.000Z",
    periodEnd: "2026-12-01T00:00:00.000Z",
    issuedAt: "2026-12-06T12:00:00.000Z",
    reportSha256: bytesToHex(sha256(utf8ToBytes(REPORT_JSON))),
  };
  // The report's leaf enters the queue as a writer would enqueue it (same leaf hash, a valid MAC).
  await insertQueueEntries(pool, [
    { kind: "access_event", rowId: fields.id, leafHash: leafHash(reportLeafBytes(fields)) },
  ]);
  await appendAccessEvents(pool, 10, 3_000);
  await sealPending({ pool });
  const block = await readLatestBlock(pool);
  const body = parseNote(block!.checkpoint).text;
  const cosign = (signer: (typeof witnesses)[number]) => cosignCheckpoint({ body, signer, timestamp: 1_765_000_000 });
  const note = block!.checkpoint + witnesses.slice(0, 2).map(cosign).join("");
  const policy = formatWitnessPolicy({ logVerifierKey: getLogKeys().verifierKey, setup: setup(2) });
  base = {
    pool,
    report: { json: REPORT_JSON, rowsCsv: "when,who\r\n" },
    reportLeaf: { index: 3_000, fields },
    citedIndexes: Array.from({ length: 500 }, (_, i) => (i * 37) % 3_000),
    cosignedCheckpoint: note,
    policy,
  };
}, 120_000);
afterAll(async () => {
  await pool?.end();
});

async function assemble(input: TAssembleBundleInput): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  await assembleEvidenceBundle(input, (c) => void parts.push(c));
  return new Uint8Array(Buffer.concat(parts));
}

describe("assembleEvidenceBundle", () => {
  it("builds a bundle from the sealed ledger that verifies offline against the published key, with progress", async () => {
    const progress: TBundleProgress[] = [];
    const zip = await assemble({ ...base, onProgress: (p) => progress.push(p) });
    const r = await verifyEvidenceBundle(zip, { trustedReportKeyPem: getReportSigningKey().publicKeyPem });
    expect(r.failed).toEqual([]);
    expect(r).toMatchObject({ ok: true, citedLeaves: 500, cosignedBy: ["W1", "W2"] });
    expect(r.checks).toContainEqual(
      expect.objectContaining({ part: "policy", message: expect.stringContaining("3 witnesses") }),
    );
    expect(r.checkpoint?.treeSize).toBe(3_011);
    expect(progress).toContainEqual({ phase: "citations", done: 500, total: 500 });
    expect(progress.at(-1)).toEqual({ phase: "file", file: "report.dsse.json" });
  });

  it("says so when the witnesses' policy asks for more cosignatures than the checkpoint has", async () => {
    const policy = formatWitnessPolicy({ logVerifierKey: getLogKeys().verifierKey, setup: setup(3) });
    const r = await verifyEvidenceBundle(await assemble({ ...base, policy }));
    expect(r.failed).toEqual([expect.objectContaining({ code: "quorum-not-met", file: "report.tlog-proof" })]);
  });

  it("refuses a report.json that is not the one its leaf anchors", async () => {
    await expect(assemble({ ...base, report: { ...base.report, json: "{}" } })).rejects.toThrow(/not the report/);
  });

  it("refuses a checkpoint that does not include the report's leaf, and a leaf index that holds another leaf", async () => {
    await expect(assemble({ ...base, reportLeaf: { ...base.reportLeaf, index: 3_011 } })).rejects.toThrow(
      /does not include report leaf/,
    );
    await expect(assemble({ ...base, reportLeaf: { ...base.reportLeaf, index: 2_999 } })).rejects.toThrow(
      /not the report's leaf/,
    );
  });
});
