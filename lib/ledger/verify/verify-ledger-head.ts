import "server-only";
import { computeBlockHash } from "../tlog/block-hash";
import { openCheckpoint } from "../tlog/checkpoint";
import { bytesEqual } from "../tlog/encoding";
import { LedgerIntegrityError } from "../ledger-errors";
import type { LogKeys } from "../log-keys";
import { BLOCK_COLUMNS, blockFromRow, type TLedgerBlock } from "../read-ledger-state";
import { TileAccumulator, type TileData } from "../tlog/tile-accumulator";

/**
 * The latest block and the right-edge tiles of its tree (partialTilesFor(treeSize), computed
 * here in SQL) in one statement without parameters, so a caller can send it in the same round
 * trip as other statements. Rows: one with part 0 (the block; none when the log is empty),
 * then one per stored edge tile with part 1. Levels 0–6 cover every tree below 2^53 leaves.
 */
export const LEDGER_HEAD_SQL = `WITH head AS (SELECT ${BLOCK_COLUMNS} FROM "LedgerBlock" ORDER BY height DESC LIMIT 1)
  SELECT 0 AS part, head.*, NULL::int AS level, NULL::bigint AS "index", NULL::int AS width, NULL::bytea AS hashes FROM head
  UNION ALL
  SELECT 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, t.level, t."index", t.width, t.hashes
    FROM head CROSS JOIN generate_series(0, 6) AS l(level)
    JOIN "LedgerTile" t ON t.level = l.level AND t."index" = head."treeSize" >> (8 * (l.level + 1))
   WHERE (head."treeSize" >> (8 * l.level)) & 255 > 0`;

/**
 * Incremental verification, run before every seal on the rows of LEDGER_HEAD_SQL (which the
 * sealer reads in the same round trip as its lock): the tree rebuilt from the stored right-edge
 * tiles must have the latest block's root, and that block's hash and checkpoint signature must
 * check out. O(log n) rows. Returns the restored tree, ready to append to; throws
 * LedgerIntegrityError otherwise, so nothing is ever sealed on top of a tampered head.
 */
export function checkLedgerHead(
  rows: readonly Record<string, unknown>[],
  keys: LogKeys,
): { block: TLedgerBlock | null; tree: TileAccumulator } {
  const head = rows.find((r) => r.part === 0);
  if (!head) return { block: null, tree: new TileAccumulator() };
  const block = blockFromRow(head);
  const fail = (check: ConstructorParameters<typeof LedgerIntegrityError>[0], why: string) =>
    new LedgerIntegrityError(check, `block ${block.height}: ${why}`, block.height);

  const stored: TileData[] = rows
    .filter((r) => r.part === 1)
    .map((r) => ({
      level: r.level as number,
      index: Number(r.index),
      width: r.width as number,
      hashes: new Uint8Array(r.hashes as Buffer),
    }));
  let tree: TileAccumulator;
  try {
    tree = new TileAccumulator({ size: block.treeSize, partialTiles: stored });
  } catch (err) {
    throw fail(
      "tiles",
      `stored edge tiles do not describe a tree of size ${block.treeSize} (${(err as Error).message})`,
    );
  }
  if (!bytesEqual(tree.root(), block.rootHash))
    throw fail("root", "root rebuilt from tiles differs from the block's root");
  if (!bytesEqual(computeBlockHash(block), block.blockHash))
    throw fail("block-hash", "block hash does not match its contents");
  let cp;
  try {
    cp = openCheckpoint(block.checkpoint, keys.verifier);
  } catch (err) {
    throw fail("checkpoint", (err as Error).message);
  }
  if (cp.origin !== keys.origin || cp.treeSize !== block.treeSize || !bytesEqual(cp.rootHash, block.rootHash)) {
    throw fail("checkpoint", "signed checkpoint does not match the block's origin, size or root");
  }
  return { block, tree };
}
