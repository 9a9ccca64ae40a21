// Block hash of the chained-block table: SHA-256 over "healthledger/block/v1\n" + RFC 8785 JSON.
// Changing this encoding breaks verification of every stored block: add a v2 instead.
import canonicalize from "canonicalize";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "./encoding";
import { HASH_SIZE, assertHash, assertTreeSize } from "./merkle";

export const BLOCK_HASH_PREFIX = "healthledger/block/v1\n";

/** prevHash of the first block (height 0). */
export const GENESIS_PREV_HASH = new Uint8Array(HASH_SIZE);

export interface BlockHeader {
  readonly height: number;
  readonly prevHash: Uint8Array;
  readonly treeSize: number;
  readonly rootHash: Uint8Array;
  readonly sealedAt: Date;
  /** The signed checkpoint note, so a block hash also commits to the log's signature. */
  readonly checkpoint: string;
}

export function computeBlockHash(block: BlockHeader): Uint8Array {
  assertTreeSize(block.height, "block height");
  assertTreeSize(block.treeSize, "block treeSize");
  assertHash(block.prevHash, "block prevHash");
  assertHash(block.rootHash, "block rootHash");
  if (!(block.sealedAt instanceof Date) || Number.isNaN(block.sealedAt.getTime()))
    throw new TypeError("block sealedAt must be a valid Date");
  const json = canonicalize({
    height: block.height,
    prevHash: bytesToHex(block.prevHash),
    treeSize: block.treeSize,
    rootHash: bytesToHex(block.rootHash),
    sealedAt: block.sealedAt.toISOString(),
    checkpoint: block.checkpoint,
  }) as string;
  return sha256(utf8ToBytes(BLOCK_HASH_PREFIX + json));
}
