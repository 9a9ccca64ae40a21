import "server-only";
// The app's records of its witnesses: the cosignatures they returned (append-only) and one
// status row per witness (last cosigned size and time, last attempt, last error).
import type { TQueryable } from "../read-ledger-state";
import type { TWitnessEndpoint } from "./push-checkpoint";

export type TWitnessStatusRow = {
  witnessKey: string;
  name: string;
  url: string;
  cosignedTreeSize: number | null;
  cosignedAt: Date | null;
  lastAttemptAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  failures: number;
};

/** Errors shown to administrators are one bounded sentence. */
const MAX_ERROR_CHARS = 500;

export async function recordCosignature(
  db: TQueryable,
  input: { witness: TWitnessEndpoint; treeSize: number; cosignature: string; timestamp: number },
): Promise<void> {
  const { witness, treeSize, cosignature, timestamp } = input;
  const cosignedAt = new Date(timestamp * 1000);
  await db.query(
    `WITH ins AS (
       INSERT INTO "WitnessCosignature" (id, "witnessKey", "treeSize", cosignature, "cosignedAt")
       VALUES (gen_random_uuid(), $1, $2, $3, $4) ON CONFLICT ("witnessKey", "treeSize") DO NOTHING)
     INSERT INTO "WitnessStatus" ("witnessKey", name, url, "cosignedTreeSize", "cosignedAt", "lastAttemptAt", failures, "updatedAt")
     VALUES ($1, $5, $6, $2, $4, now(), 0, now())
     ON CONFLICT ("witnessKey") DO UPDATE SET name = $5, url = $6,
       "cosignedTreeSize" = GREATEST(COALESCE("WitnessStatus"."cosignedTreeSize", 0), $2),
       "cosignedAt" = CASE WHEN COALESCE("WitnessStatus"."cosignedTreeSize", 0) <= $2 THEN $4 ELSE "WitnessStatus"."cosignedAt" END,
       "lastAttemptAt" = now(), failures = 0, "updatedAt" = now()`,
    [witness.verifierKey, treeSize, cosignature, cosignedAt, witness.name, witness.url],
  );
}

export async function recordWitnessError(
  db: TQueryable,
  input: { witness: TWitnessEndpoint; message: string },
): Promise<void> {
  const { witness } = input;
  await db.query(
    `INSERT INTO "WitnessStatus" ("witnessKey", name, url, "lastAttemptAt", "lastError", "lastErrorAt", failures, "updatedAt")
     VALUES ($1, $2, $3, now(), $4, now(), 1, now())
     ON CONFLICT ("witnessKey") DO UPDATE SET name = $2, url = $3, "lastAttemptAt" = now(),
       "lastError" = $4, "lastErrorAt" = now(), failures = "WitnessStatus".failures + 1, "updatedAt" = now()`,
    [witness.verifierKey, witness.name, witness.url, input.message.slice(0, MAX_ERROR_CHARS)],
  );
}

export async function readWitnessStatuses(db: TQueryable): Promise<TWitnessStatusRow[]> {
  const { rows } = await db.query(
    `SELECT "witnessKey", name, url, "cosignedTreeSize", "cosignedAt", "lastAttemptAt", "lastError", "lastErrorAt", failures
     FROM "WitnessStatus"`,
  );
  return rows.map((r) => ({
    ...r,
    cosignedTreeSize: r.cosignedTreeSize === null ? null : Number(r.cosignedTreeSize),
  })) as TWitnessStatusRow[];
}
