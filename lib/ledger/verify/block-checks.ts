import "server-only";
import type { LogKeys } from "../log-keys";
import type { TLedgerBlock } from "../read-ledger-state";
import { GENESIS_PREV_HASH, computeBlockHash } from "../tlog/block-hash";
import { openCheckpoint } from "../tlog/checkpoint";
import { bytesEqual } from "../tlog/encoding";
import type { TBlockStream } from "./batch-stream";
import type { TFindingCode } from "./finding-codes";
import type { FindingLog } from "./verification-findings";

export type TBlockProblem = { code: TFindingCode; problem: string };

/** What is wrong with block `b`, given the block before it and the root recomputed at its tree size. */
export function blockProblems(input: {
  block: TLedgerBlock;
  prev: TLedgerBlock | null;
  root: Uint8Array;
  keys: LogKeys;
}): TBlockProblem[] {
  const { block: b, prev, root, keys } = input;
  const found: TBlockProblem[] = [];
  const at = (code: TFindingCode, problem: string) => found.push({ code, problem });
  const expectedHeight = prev ? prev.height + 1 : 0;
  if (b.height !== expectedHeight)
    at("block_height", `block height ${b.height} follows ${prev?.height ?? "nothing"} (expected ${expectedHeight})`);
  if (!bytesEqual(b.prevHash, prev?.blockHash ?? GENESIS_PREV_HASH))
    at("block_link", "prevHash does not link to the previous block's hash");
  if (!bytesEqual(computeBlockHash(b), b.blockHash)) at("block_hash", "block hash does not match the block's contents");
  if (!bytesEqual(root, b.rootHash))
    at("root_mismatch", `root hash differs from the root recomputed from entries at tree size ${b.treeSize}`);
  try {
    const cp = openCheckpoint(b.checkpoint, keys.verifier);
    if (cp.origin !== keys.origin) at("checkpoint_origin", `checkpoint origin ${cp.origin} is not ${keys.origin}`);
    if (cp.treeSize !== b.treeSize)
      at("checkpoint_size", `checkpoint tree size ${cp.treeSize} differs from the block's ${b.treeSize}`);
    if (!bytesEqual(cp.rootHash, b.rootHash)) at("checkpoint_root", "checkpoint root differs from the block's root");
  } catch (err) {
    at("signature", `checkpoint signature does not verify with the log key: ${(err as Error).message}`);
  }
  return found;
}

/**
 * Walks the blocks alongside the tree being rebuilt: each block is checked when the tree reaches
 * its size. `next` is the first block not reached yet (null past the last one).
 */
export class BlockWalk {
  next: TLedgerBlock | null = null;
  checked = 0;
  private prev: TLedgerBlock | null = null;

  private constructor(
    private readonly blocks: TBlockStream,
    private readonly keys: LogKeys,
    private readonly log: FindingLog,
  ) {}

  static async start(blocks: TBlockStream, keys: LogKeys, log: FindingLog): Promise<BlockWalk> {
    const walk = new BlockWalk(blocks, keys, log);
    walk.next = await blocks.next();
    return walk;
  }

  /** Checks every block whose tree size a tree of `size` leaves with root `root()` has reached. */
  async settle(size: number, root: () => Uint8Array): Promise<void> {
    for (let b = this.next; b && b.treeSize <= size; b = this.next) {
      if (b.treeSize < size) {
        this.add(b, "block_order", `block tree size ${b.treeSize} is out of order (already past it)`);
      } else {
        for (const p of blockProblems({ block: b, prev: this.prev, root: root(), keys: this.keys }))
          this.add(b, p.code, p.problem);
        this.checked++;
      }
      this.prev = b;
      this.next = await this.blocks.next();
    }
  }

  /** Reports the blocks beyond a ledger of `size` entries. */
  async finish(size: number): Promise<void> {
    for (; this.next; this.next = await this.blocks.next()) {
      const b = this.next;
      this.add(
        b,
        "block_beyond_tree",
        `block claims tree size ${b.treeSize} but the ledger holds ${size} entries (tail truncated?)`,
      );
    }
  }

  private add(b: TLedgerBlock, code: TFindingCode, problem: string) {
    this.log.add({ index: null, table: "LedgerBlock", rowId: null, blockHeight: b.height, code, problem });
  }
}
