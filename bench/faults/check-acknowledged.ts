// What every fault run checks once the fault is over: each import the server acknowledged is in
// the database — the patient, its record versions and the access event of the import — and each of
// those rows is anchored (its leaf in LedgerEntry, sealed in a block); the ledger has no leaf index
// used twice, no gap, no row or leaf hash anchored twice, nothing refused, nothing left in the
// queue; and a full verification finds it intact.
import type pg from "pg";
import { verifyLedger } from "../../lib/ledger/verify/verify-ledger";
import type { LedgerPool } from "../../lib/ledger/ledger-pool";
import type { TAck } from "./write-load";

export type TAckCheck = {
  acknowledged: number;
  missingPatients: string[];
  /** Acknowledged imports with fewer record versions than the answer counted. */
  missingVersions: string[];
  missingAccessEvents: string[];
  /** Rows of acknowledged imports without a sealed leaf. */
  unanchored: number;
  /**
   * Per import: written → sealed (the import's access event's recorded time, the server's clock,
   * to its last leaf's block sealedAt), and acknowledged → sealed (0 when the seal had begun by the
   * time the client read the answer, as it usually has: the writer's own NOTIFY wakes the sequencer).
   */
  sealLatencies: { ackAt: number; ms: number; afterAckMs: number }[];
};

export type TLedgerCheck = {
  entries: number;
  distinctIndices: number;
  firstIndex: number | null;
  lastIndex: number | null;
  distinctRows: number;
  distinctLeafHashes: number;
  blocks: number;
  lastHeight: number | null;
  treeSize: number;
  queued: number;
  refused: number;
  verified: boolean;
  findingCount: number;
  verifyMs: number;
};

/** A queue entry older than this after the drain is stuck (the sequencer seals within about a second). */
const STUCK_AFTER_SECONDS = 5;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the sequencer has emptied LedgerQueue; the time it took (ms), or null if it did not within `timeoutMs`. */
export async function waitForDrain(db: pg.Pool, timeoutMs: number): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM "LedgerQueue"`);
    if (Number(rows[0].n) === 0) return performance.now() - started;
    await sleep(100);
  }
  return null;
}

export async function checkAcknowledged(db: pg.Pool, acks: readonly TAck[]): Promise<TAckCheck> {
  const ids = acks.map((a) => a.patientId);
  const patients = await db.query<{ id: string }>(`SELECT id FROM "Patient" WHERE id = ANY($1::uuid[])`, [ids]);
  const present = new Set(patients.rows.map((r) => r.id));
  // Every anchored row of the imports, with the sealed time of its block (null when unsealed).
  const rows = await db.query<{ patientId: string; what: string; sealedMs: string | null; recordedMs: string | null }>(
    `SELECT r."patientId", 'version' AS what, extract(epoch FROM b."sealedAt") * 1000 AS "sealedMs", NULL AS "recordedMs"
       FROM "Record" r JOIN "RecordVersion" v ON v."recordId" = r.id
       LEFT JOIN "LedgerEntry" e ON e."rowId" = v.id AND e.kind = 'record_version'
       LEFT JOIN "LedgerBlock" b ON b.height = e."blockHeight"
      WHERE r."patientId" = ANY($1::uuid[])
     UNION ALL
     SELECT a."patientId", 'event', extract(epoch FROM b."sealedAt") * 1000, extract(epoch FROM a.recorded) * 1000
       FROM "AccessEvent" a
       LEFT JOIN "LedgerEntry" e ON e."rowId" = a.id AND e.kind = 'access_event'
       LEFT JOIN "LedgerBlock" b ON b.height = e."blockHeight"
      WHERE a."patientId" = ANY($1::uuid[]) AND a.action = 'C'`,
    [ids],
  );
  type TPer = { versions: number; events: number; lastSealedMs: number; recordedMs: number; unanchored: number };
  const per = new Map<string, TPer>();
  for (const r of rows.rows) {
    const p = per.get(r.patientId) ?? { versions: 0, events: 0, lastSealedMs: 0, recordedMs: Infinity, unanchored: 0 };
    if (r.recordedMs !== null) p.recordedMs = Math.min(p.recordedMs, Number(r.recordedMs));
    if (r.what === "version") p.versions++;
    else p.events++;
    if (r.sealedMs === null) p.unanchored++;
    else p.lastSealedMs = Math.max(p.lastSealedMs, Number(r.sealedMs));
    per.set(r.patientId, p);
  }
  const check: TAckCheck = {
    acknowledged: acks.length,
    missingPatients: [],
    missingVersions: [],
    missingAccessEvents: [],
    unanchored: 0,
    sealLatencies: [],
  };
  for (const a of acks) {
    const p = per.get(a.patientId);
    if (!present.has(a.patientId)) check.missingPatients.push(a.patientId);
    if (!p || p.versions < Math.max(1, a.records)) check.missingVersions.push(a.patientId);
    if (!p || p.events < 1) check.missingAccessEvents.push(a.patientId);
    if (!p) continue;
    check.unanchored += p.unanchored;
    if (p.unanchored === 0 && p.events > 0)
      check.sealLatencies.push({
        ackAt: a.ackAt,
        ms: Math.max(0, p.lastSealedMs - p.recordedMs),
        afterAckMs: Math.max(0, p.lastSealedMs - a.ackAt),
      });
  }
  return check;
}

/**
 * The ledger's shape, read in one snapshot (the app may still be sealing what its background jobs
 * queue), then a full verification. Queue entries are "left" when they have waited over
 * STUCK_AFTER_SECONDS: a monitor alert queued a moment ago is not lost, one queued before the fault
 * and still there is.
 */
export async function checkLedger(db: pg.Pool, ledgerPool: LedgerPool): Promise<TLedgerCheck> {
  const client = await db.connect();
  let e, b, queued, refused;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    e = (
      await client.query(
        `SELECT count(*) AS n, count(DISTINCT "index") AS di, min("index") AS lo, max("index") AS hi,
                count(DISTINCT ("rowId", kind)) AS dr, count(DISTINCT "leafHash") AS dh FROM "LedgerEntry"`,
      )
    ).rows[0];
    b = (
      await client.query(
        `SELECT count(*) AS n, max(height) AS hi, coalesce(max("treeSize"), 0) AS size FROM "LedgerBlock"`,
      )
    ).rows[0];
    queued = (
      await client.query(
        `SELECT count(*) AS n FROM "LedgerQueue" WHERE "enqueuedAt" < localtimestamp - make_interval(secs => ${STUCK_AFTER_SECONDS})`,
      )
    ).rows[0].n;
    refused = (await client.query(`SELECT count(*) AS n FROM "LedgerRefusedEntry"`)).rows[0].n;
    await client.query("COMMIT");
  } finally {
    client.release();
  }
  const orNull = (v: unknown) => (v === null ? null : Number(v));
  const verification = await verifyLedger({ pool: ledgerPool });
  return {
    entries: Number(e.n),
    distinctIndices: Number(e.di),
    firstIndex: orNull(e.lo),
    lastIndex: orNull(e.hi),
    distinctRows: Number(e.dr),
    distinctLeafHashes: Number(e.dh),
    blocks: Number(b.n),
    lastHeight: orNull(b.hi),
    treeSize: Number(b.size),
    queued: Number(queued),
    refused: Number(refused),
    verified: verification.ok,
    findingCount: verification.findingCount,
    verifyMs: Math.round(verification.durationMs),
  };
}

/** Every way the checks can fail, as sentences; empty when nothing was lost or sealed twice. */
export function problemsOf(acks: TAckCheck, ledger: TLedgerCheck): string[] {
  const p: string[] = [];
  const some = (ids: string[]) => ids.slice(0, 3).join(", ") + (ids.length > 3 ? ", …" : "");
  if (acks.acknowledged === 0) p.push("no write was acknowledged: the load did not run");
  if (acks.missingPatients.length)
    p.push(`${acks.missingPatients.length} acknowledged patients missing (${some(acks.missingPatients)})`);
  if (acks.missingVersions.length)
    p.push(`${acks.missingVersions.length} acknowledged imports lack record versions (${some(acks.missingVersions)})`);
  if (acks.missingAccessEvents.length)
    p.push(`${acks.missingAccessEvents.length} acknowledged imports lack their access event`);
  if (acks.unanchored) p.push(`${acks.unanchored} rows of acknowledged imports are not sealed`);
  if (ledger.distinctIndices !== ledger.entries) p.push("a leaf index is used twice");
  if (ledger.entries && (ledger.firstIndex !== 0 || ledger.lastIndex !== ledger.entries - 1))
    p.push(`leaf indices are not 0…${ledger.entries - 1} (${ledger.firstIndex}…${ledger.lastIndex})`);
  if (ledger.distinctRows !== ledger.entries) p.push("a row is anchored twice");
  if (ledger.distinctLeafHashes !== ledger.entries) p.push("a leaf hash is anchored twice");
  if (ledger.treeSize !== ledger.entries)
    p.push(`the last block's tree has ${ledger.treeSize} leaves, not ${ledger.entries}`);
  if (ledger.lastHeight !== null && ledger.lastHeight !== ledger.blocks - 1) p.push("block heights have a gap");
  if (ledger.queued) p.push(`${ledger.queued} queue entries waited over ${STUCK_AFTER_SECONDS} s and were not sealed`);
  if (ledger.refused) p.push(`${ledger.refused} queue entries were refused`);
  if (!ledger.verified) p.push(`full verification found ${ledger.findingCount} problems`);
  return p;
}
