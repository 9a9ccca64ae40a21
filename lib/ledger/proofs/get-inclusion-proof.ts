import "server-only";
import { AppError } from "@/lib/errors";
import { dbHashReader, prefetchHashes } from "./db-hash-reader";
import { assertSizeWithin, latestTreeSize, treeHeadAt, type TTreeHead } from "./get-checkpoint";
import { LedgerIntegrityError } from "../ledger-errors";
import { getLedgerPool, type LedgerPool } from "../ledger-pool";
import type { HashCoord } from "../tlog/merkle";
import { inclusionProof, inclusionProofPlan, planCoords, verifyInclusion } from "../tlog/proof";
import { readLatestBlock } from "../read-ledger-state";
import { tileCoordinates, tileHashReader } from "../tlog/tile-math";
import { upperTileCacheFor, type UpperTileCache } from "./upper-tile-cache";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type TInclusionProof = {
  index: number;
  treeSize: number;
  leafHash: Uint8Array;
  /** RFC 9162 audit path, sibling nearest the leaf first. */
  proof: Uint8Array[];
  head: TTreeHead;
};

/**
 * Inclusion proof of leaf `index` in the tree of `treeSize` (default: the latest), read from
 * tiles in one query. Checked before it is returned, so a damaged tile surfaces as an error
 * here rather than as a proof that fails at the auditor's end.
 */
export async function getInclusionProof(input: {
  pool?: LedgerPool;
  index: number;
  treeSize?: number;
}): Promise<TInclusionProof> {
  const pool = input.pool ?? getLedgerPool();
  let treeSize = input.treeSize;
  if (treeSize === undefined) {
    const latest = await readLatestBlock(pool);
    treeSize = latest?.treeSize ?? 0;
  }
  const { index } = input;
  // Anything out of range takes the general path, which reports it exactly as before.
  if (!Number.isSafeInteger(treeSize) || !Number.isSafeInteger(index) || index < 0 || index >= treeSize)
    return inclusionProofChecked(pool, index, treeSize);
  const cache = upperTileCacheFor(pool);
  try {
    return await inclusionProofFromTiles(pool, index, treeSize, cache);
  } catch (err) {
    // Cached tiles that no longer fit the database's root: forget them all and read again.
    if (!(err instanceof LedgerIntegrityError) || cache.size === 0) throw err;
    cache.clear();
    return inclusionProofFromTiles(pool, index, treeSize, cache);
  }
}

async function inclusionProofFromTiles(
  pool: LedgerPool,
  index: number,
  treeSize: number,
  cache: UpperTileCache,
): Promise<TInclusionProof> {
  const coords = [{ level: 0, index }, ...planCoords(inclusionProofPlan(index, treeSize))];
  const tiles = new Map<string, Uint8Array>();
  const refs = tileRequestsFor(coords).filter((r) => {
    const cached = cache.get(r.level, r.index);
    if (cached) tiles.set(`${r.level}/${r.index}`, cached);
    return !cached;
  });
  // One round trip: the tiles not cached, the latest size (to refuse sizes beyond it) and the
  // block that ends at treeSize (its signed root), as one prepared statement.
  const { rows } = await pool.query({
    name: "hl_inclusion_proof_v1",
    text: `SELECT 0 AS part, level, "index", hashes, NULL::text AS checkpoint, NULL::bigint AS height
             FROM "LedgerTile" WHERE (level, "index") IN (SELECT * FROM unnest($1::int[], $2::bigint[]))
           UNION ALL
           SELECT 1, NULL, "treeSize", NULL, NULL, NULL FROM (SELECT "treeSize" FROM "LedgerBlock" ORDER BY height DESC LIMIT 1) latest
           UNION ALL
           SELECT 2, NULL, "treeSize", "rootHash", checkpoint, height FROM "LedgerBlock" WHERE "treeSize" = $3`,
    values: [refs.map((r) => r.level), refs.map((r) => r.index), treeSize],
  });
  let latest = 0;
  let head: TTreeHead | null = null;
  for (const r of rows) {
    if (r.part === 0) {
      const b = r.hashes as Buffer;
      const hashes = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
      tiles.set(`${r.level}/${r.index}`, hashes);
      cache.offer(r.level, Number(r.index), hashes);
    } else if (r.part === 1) latest = Number(r.index);
    else
      head = { treeSize, rootHash: new Uint8Array(r.hashes), checkpoint: r.checkpoint, blockHeight: Number(r.height) };
  }
  assertSizeWithin(treeSize, latest);
  const reader = tileHashReader(async (requests) =>
    requests.map((r) => {
      const t = tiles.get(`${r.level}/${r.index}`);
      if (!t) throw new Error(`ledger tile ${r.level}/${r.index} is missing`);
      return t;
    }),
  );
  const [[leafHash], proof] = await Promise.all([
    reader.readHashes([{ level: 0, index }]),
    inclusionProof(reader, { index, treeSize }),
  ]);
  // No block ends exactly here: the root comes from tiles, unsigned (rare: proofs are usually asked at a checkpoint).
  head ??= await treeHeadAt(pool, treeSize);
  return checked({ index, treeSize, leafHash, proof, head });
}

/** The tiles holding a set of subtree hashes (one request per tile). */
function tileRequestsFor(coords: readonly HashCoord[]): { level: number; index: number }[] {
  const out = new Map<string, { level: number; index: number }>();
  for (const c of coords) {
    const t = tileCoordinates(c.level, c.index);
    out.set(`${t.tileLevel}/${t.tileIndex}`, { level: t.tileLevel, index: t.tileIndex });
  }
  return [...out.values()];
}

function checked(p: TInclusionProof): TInclusionProof {
  if (
    !verifyInclusion({
      leafHash: p.leafHash,
      index: p.index,
      treeSize: p.treeSize,
      proof: p.proof,
      root: p.head.rootHash,
    })
  ) {
    throw new LedgerIntegrityError(
      "tiles",
      `inclusion proof for index ${p.index} at size ${p.treeSize} does not match the root`,
    );
  }
  return p;
}

/** The general path (latest size, then the proof's hashes, then the head). */
async function inclusionProofChecked(pool: LedgerPool, index: number, treeSize: number): Promise<TInclusionProof> {
  const latest = await latestTreeSize(pool);
  assertSizeWithin(treeSize, latest);
  if (!Number.isSafeInteger(index) || index < 0)
    throw new AppError("bad_request", "index must be a non-negative integer");
  if (index >= treeSize) throw new AppError("not_found", `index ${index} is not in a tree of size ${treeSize}`);
  const coords = [{ level: 0, index }, ...planCoords(inclusionProofPlan(index, treeSize))];
  const reader = await prefetchHashes(dbHashReader(pool), coords);
  const [[leafHash], proof, head] = await Promise.all([
    reader.readHashes([{ level: 0, index }]),
    inclusionProof(reader, { index, treeSize }),
    treeHeadAt(pool, treeSize),
  ]);
  return checked({ index, treeSize, leafHash, proof, head });
}

/** Inclusion proof for an anchored row, found by its kind and id. */
export async function getInclusionProofForRow(input: {
  pool?: LedgerPool;
  kind: string;
  rowId: string;
  treeSize?: number;
}): Promise<TInclusionProof> {
  const pool = input.pool ?? getLedgerPool();
  // Every anchored row has a uuid id (the column is uuid): anything else cannot be in the ledger.
  if (!UUID_RE.test(input.rowId)) throw new AppError("not_found", `${input.kind} ${input.rowId} is not in the ledger`);
  const { rows } = await pool.query(`SELECT "index" FROM "LedgerEntry" WHERE kind = $1 AND "rowId" = $2`, [
    input.kind,
    input.rowId,
  ]);
  if (rows.length === 0) {
    const queued = await pool.query(`SELECT 1 FROM "LedgerQueue" WHERE kind = $1 AND "rowId" = $2`, [
      input.kind,
      input.rowId,
    ]);
    throw new AppError(
      "not_found",
      queued.rowCount
        ? `${input.kind} ${input.rowId} is queued but not sealed yet`
        : `${input.kind} ${input.rowId} is not in the ledger`,
    );
  }
  return getInclusionProof({ pool, index: Number(rows[0].index), treeSize: input.treeSize });
}
