// JSON shapes of the ledger HTTP API (docs/ledger-api.md), typed by the response schemas in
// ledger-api.types.ts. Every hash is standard base64 with padding, like the root in a C2SP
// checkpoint. Pure: the browser verifier reads the same shapes.
import { bytesToBase64, bytesToHex } from "../tlog/encoding";
import type { TStoredFinding } from "../verify/verification-findings";
import type {
  TBlockListResponse,
  TBlockResponse,
  TConsistencyProofResponse,
  TInclusionProofResponse,
  TNotarizedDocumentResponse,
  TTreeHeadResponse,
  TVerificationRunListResponse,
  TVerificationJobResponse,
} from "./ledger-api.types";

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
type TInclusionProofLike = {
  index: number;
  treeSize: number;
  leafHash: Uint8Array;
  proof: Uint8Array[];
  head: THeadLike;
};

export function blockJson(b: TBlockLike): TBlockResponse {
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

export function blockListJson(page: { blocks: TBlockLike[]; nextBefore: number | null }): TBlockListResponse {
  return { blocks: page.blocks.map(blockJson), nextBefore: page.nextBefore };
}

export function treeHeadJson(h: THeadLike): TTreeHeadResponse {
  return {
    treeSize: h.treeSize,
    rootHash: bytesToBase64(h.rootHash),
    signed: h.checkpoint !== null,
    checkpoint: h.checkpoint,
    blockHeight: h.blockHeight,
  };
}

export function inclusionProofJson(p: TInclusionProofLike): TInclusionProofResponse {
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
}): TConsistencyProofResponse {
  return {
    oldSize: p.oldSize,
    newSize: p.newSize,
    proof: p.proof.map(bytesToBase64),
    oldTreeHead: treeHeadJson(p.oldHead),
    newTreeHead: treeHeadJson(p.newHead),
  };
}

/** A started or joined full verification (POST /api/ledger/verification-runs, 202). */
export function verificationJobJson(j: { jobId: string; startedAt: Date; joined: boolean }): TVerificationJobResponse {
  return { jobId: j.jobId, status: "running", startedAt: j.startedAt.toISOString(), joined: j.joined };
}

/** Recorded runs as stored (GET /api/ledger/verification-runs). */
export function verificationRunListJson(
  runs: {
    id: string;
    mode: string;
    startedAt: Date;
    finishedAt: Date;
    ok: boolean;
    treeSize: number;
    findingCount: number;
    findings: TStoredFinding[];
  }[],
  running: { jobId: string; startedAt: Date } | null = null,
): TVerificationRunListResponse {
  return {
    running: running && { jobId: running.jobId, startedAt: running.startedAt.toISOString() },
    runs: runs.map((r) => ({
      id: r.id,
      mode: r.mode as "full" | "scheduled",
      startedAt: r.startedAt.toISOString(),
      finishedAt: r.finishedAt.toISOString(),
      ok: r.ok,
      treeSize: r.treeSize,
      findingCount: r.findingCount,
      findings: r.findings,
    })),
  };
}

export function notarizedDocumentJson(d: {
  document: { id: string; title: string; sha256: Uint8Array; createdAt: Date };
  receipt: { rowId: string; index: number; blockHeight: number; treeSize: number; checkpoint: string };
  proof: TInclusionProofLike;
}): TNotarizedDocumentResponse {
  return {
    id: d.document.id,
    title: d.document.title,
    sha256: bytesToHex(d.document.sha256),
    createdAt: d.document.createdAt.toISOString(),
    receipt: {
      kind: "notarized_document",
      rowId: d.receipt.rowId,
      index: d.receipt.index,
      blockHeight: d.receipt.blockHeight,
      treeSize: d.receipt.treeSize,
      checkpoint: d.receipt.checkpoint,
    },
    inclusionProof: inclusionProofJson(d.proof),
  };
}
