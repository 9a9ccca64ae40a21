import "server-only";
import { computeBlockHash } from "./block-hash";
import { openCheckpoint } from "./checkpoint";
import { bytesEqual } from "./encoding";
import { LedgerIntegrityError } from "./ledger-errors";
import type { LogKeys } from "./log-keys";
import { readLatestBlock, readTiles, type TLedgerBlock, type TQueryable } from "./read-ledger-state";
import { TileAccumulator, partialTilesFor } from "./tile-accumulator";

/**
 * Incremental verification, run before every seal: the tree rebuilt from the stored right-edge
 * tiles must have the latest block's root, and that block's hash and checkpoint signature must
 * check out. O(log n) rows. Returns the restored tree, ready to append to; throws
 * LedgerIntegrityError otherwise, so nothing is ever sealed on top of a tampered head.
 */
export async function verifyLedgerHead(db: TQueryable, keys: LogKeys): Promise<{ block: TLedgerBlock | null; tree: TileAccumulator }> {
  const block = await readLatestBlock(db);
  if (!block) return { block, tree: new TileAccumulator() };
  const fail = (check: ConstructorParameters<typeof LedgerIntegrityError>[0], why: string) =>
    new LedgerIntegrityError(check, `block ${block.height}: ${why}`, block.height);

  const refs = partialTilesFor(block.treeSize);
  const stored = await readTiles(db, refs);
  let tree: TileAccumulator;
  try {
    tree = new TileAccumulator({ size: block.treeSize, partialTiles: [...stored.values()] });
  } catch (err) {
    throw fail("tiles", `stored edge tiles do not describe a tree of size ${block.treeSize} (${(err as Error).message})`);
  }
  if (!bytesEqual(tree.root(), block.rootHash)) throw fail("root", "root rebuilt from tiles differs from the block's root");
  if (!bytesEqual(computeBlockHash(block), block.blockHash)) throw fail("block-hash", "block hash does not match its contents");
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
