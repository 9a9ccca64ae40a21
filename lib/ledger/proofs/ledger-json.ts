// JSON shapes of the ledger HTTP API (docs/ledger-api.md). Every hash is standard base64 with
// padding, like the root in a C2SP checkpoint. Pure: the browser verifier reads the same shapes.
import { bytesToBase64 } from "../tlog/encoding";

type TBlockLike = {
  height: number;
  prevHash: Uint8Array;
  treeSize: number;
  rootHash: Uint8Array;
  sealedAt: Date;
  blockHash: Uint8Array;
  checkpoint: string;
};
type THeadLike = { treeSize: number; rootHash: Uint8Array; checkpoint: string | null; blockHeight: number | null };

export function blockJson(b: TBlockLike) {
  return {
    height: b.height,
    prevHash: bytesToBase64(b.prevHash),
    treeSize: b.treeSize,
    rootHash: bytesToBase64(b.rootHash),
    sealedAt: b.sealedAt.toISOString(),
    blockHash: bytesToBase64(b.blockHash),
    checkpoint: b.checkpoint,
  };
}

export function treeHeadJson(h: THeadLike) {
  return {
    treeSize: h.treeSize,
    rootHash: bytesToBase64(h.rootHash),
    signed: h.checkpoint !== null,
    checkpoint: h.checkpoint,
    blockHeight: h.blockHeight,
  };
}

export function inclusionProofJson(p: {
  index: number;
  treeSize: number;
  leafHash: Uint8Array;
  proof: Uint8Array[];
  head: THeadLike;
}) {
  return {
    index: p.index,
    treeSize: p.treeSize,
    leafHash: bytesToBase64(p.leafHash),
    proof: p.proof.map(bytesToBase64),
    treeHead: treeHeadJson(p.head),
  };
}

export function consistencyProofJson(p: {
  oldSize: number;
  newSize: number;
  proof: Uint8Array[];
  oldHead: THeadLike;
  newHead: THeadLike;
}) {
  return {
    oldSize: p.oldSize,
    newSize: p.newSize,
    proof: p.proof.map(bytesToBase64),
    oldTreeHead: treeHeadJson(p.oldHead),
    newTreeHead: treeHeadJson(p.newHead),
  };
}
