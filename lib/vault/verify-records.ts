import "server-only";
import crypto from "node:crypto";
import { bytesEqual } from "@/lib/ledger/tlog/encoding";
import { getLeafKind, leafHashFor } from "@/lib/ledger/kinds";
import { getLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import type { TFindingCode } from "@/lib/ledger/verify/finding-codes";
import { FindingLog, type TFinding } from "@/lib/ledger/verify/verification-findings";
import { unwrapDataKey } from "@/lib/keys/patient-key";
import { open } from "@/lib/keys/aes-gcm";
import { recordAad } from "./record-cipher";
import { commitmentKey, recordCommitment } from "./record-commitment";

export type TVerifyRecordsOptions = {
  pool?: LedgerPool;
  deep?: boolean;
  batchSize?: number;
  maxFindings?: number;
  onProgress?: (done: number) => void;
};
export type TVerifyRecordsResult = {
  ok: boolean;
  deep: boolean;
  versionsChecked: number;
  /** Erased patients are reported here, not as findings: their ciphertext is expected to be unreadable. */
  erased: { patients: number; versions: number };
  findings: TFinding[];
  findingCount: number;
};

const KIND = getLeafKind("record_version");
const finding = (rowId: string | null, index: number | null, code: TFindingCode, problem: string): TFinding => ({
  index,
  table: "RecordVersion",
  rowId,
  blockHeight: null,
  code,
  problem,
});

/**
 * Record integrity. Without keys: each ciphertext against its stored SHA-256, each
 * row against its ledger leaf (catches changed hashes, commitments and swapped rows), version
 * gaps, and ledger entries whose row was deleted. Deep mode (holds the KEK): decrypts every
 * version with its (record id, version) associated data and recomputes its keyed commitment.
 */
export async function verifyRecords(options: TVerifyRecordsOptions = {}): Promise<TVerifyRecordsResult> {
  const pool = options.pool ?? getLedgerPool();
  const log = new FindingLog(options.maxFindings ?? 1000);
  const keys = new Map<string, { dek: Buffer; kCommit: Buffer } | "erased">();
  const erasedPatients = new Set<string>();
  let erasedVersions = 0;
  let checked = 0;
  let after = "00000000-0000-0000-0000-000000000000";
  try {
    for (;;) {
      const { rows } = await pool.query(
        `SELECT v.*, r."patientId", p."wrappedKey", p."erasedAt", e."index" AS "ledgerIndex", e."leafHash" AS "ledgerLeafHash",
                EXISTS (SELECT 1 FROM "LedgerQueue" q WHERE q.kind = 'record_version' AND q."rowId" = v.id) AS queued
           FROM "RecordVersion" v JOIN "Record" r ON r.id = v."recordId" JOIN "Patient" p ON p.id = r."patientId"
           LEFT JOIN "LedgerEntry" e ON e.kind = 'record_version' AND e."rowId" = v.id
          WHERE v.id > $1 ORDER BY v.id LIMIT $2`,
        [after, options.batchSize ?? 2000],
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        const index = row.ledgerIndex === null ? null : Number(row.ledgerIndex);
        const hash = crypto.createHash("sha256").update(row.ciphertext).digest();
        if (!hash.equals(row.ciphertextSha256))
          log.add(
            finding(row.id, index, "ciphertext_hash", "ciphertext changed: its SHA-256 differs from the anchored hash"),
          );
        if (row.ledgerLeafHash) {
          if (!bytesEqual(leafHashFor(KIND, row), row.ledgerLeafHash))
            log.add(
              finding(
                row.id,
                index,
                "record_leaf",
                "row differs from its ledger leaf (hash, commitment, record, version or type changed)",
              ),
            );
        } else if (!row.queued)
          log.add(finding(row.id, null, "record_unanchored", "record version is not anchored in the ledger"));
        if (row.erasedAt) {
          erasedPatients.add(row.patientId);
          erasedVersions++;
        } else if (options.deep) deepCheck(row, index);
        checked++;
      }
      after = rows[rows.length - 1].id;
      options.onProgress?.(checked);
    }
    const gaps = await pool.query(
      `SELECT r.id, g.v FROM "Record" r CROSS JOIN LATERAL generate_series(1, r."currentVersion") AS g(v)
        WHERE NOT EXISTS (SELECT 1 FROM "RecordVersion" x WHERE x."recordId" = r.id AND x.version = g.v) ORDER BY r.id, g.v`,
    );
    for (const g of gaps.rows)
      log.add({
        index: null,
        table: "Record",
        rowId: g.id,
        blockHeight: null,
        code: "version_missing",
        problem: `version ${g.v} is missing (deleted)`,
      });
    const orphans = await pool.query(
      `SELECT e."index", e."rowId" FROM "LedgerEntry" e
        WHERE e.kind = 'record_version' AND NOT EXISTS (SELECT 1 FROM "RecordVersion" v WHERE v.id = e."rowId") ORDER BY e."index"`,
    );
    for (const o of orphans.rows)
      log.add(finding(o.rowId, Number(o.index), "anchored_version_deleted", "anchored record version was deleted"));
  } finally {
    for (const k of keys.values()) {
      if (k === "erased") continue;
      k.dek.fill(0);
      k.kCommit.fill(0);
    }
  }
  return {
    ok: log.count === 0,
    deep: !!options.deep,
    versionsChecked: checked,
    erased: { patients: erasedPatients.size, versions: erasedVersions },
    findings: log.kept,
    findingCount: log.count,
  };

  function deepCheck(row: Record<string, never>, index: number | null) {
    const patientId = row.patientId as string;
    let k = keys.get(patientId);
    if (!k) {
      try {
        const dek = unwrapDataKey(row.wrappedKey, patientId);
        k = { dek, kCommit: commitmentKey(dek) };
      } catch {
        k = "erased";
        log.add({
          index: null,
          table: "Patient",
          rowId: patientId,
          blockHeight: null,
          code: "data_key",
          problem: "data key does not unwrap (wrong KEK, or the wrapped key was altered or moved)",
        });
      }
      keys.set(patientId, k);
    }
    if (k === "erased") return;
    let plain: Buffer;
    try {
      plain = open(k.dek, { iv: row.iv, ciphertext: row.ciphertext }, recordAad(row.recordId, row.version));
    } catch {
      return void log.add(
        finding(
          row.id,
          index,
          "decrypt",
          "ciphertext does not decrypt as this record and version (altered, or swapped with another record)",
        ),
      );
    }
    if (!recordCommitment(k.kCommit, plain).equals(row.commitment))
      log.add(finding(row.id, index, "commitment", "commitment does not match the decrypted content"));
  }
}
