// Request and response schemas of the ledger HTTP API (docs/ledger-api.md). Routes parse
// requests with the Z…Query/Params/Request schemas; ledger-json.ts builds every response as a
// T…Response, and tests parse real responses with the Z…Response schemas. Objects are strict:
// a field added or lost is a change of the wire format, which outside verifiers parse.
import { z } from "zod";
import { LEAF_KINDS } from "../kinds";
import { ZNotarizedTitle } from "../notarized-title";
import { FINDING_CODE_NAMES } from "../verify/finding-codes";
import type { TFinding } from "../verify/verification-findings";

const ZCount = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** A count or index in a URL (path or query): digits, so coerced, and named in its messages. */
const zNonNegativeInt = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be an integer`)
    .nonnegative(`${name} must not be negative`)
    .max(Number.MAX_SAFE_INTEGER);
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A SHA-256 hash as standard base64 with padding (RFC 4648 §4), as the root in a C2SP checkpoint:
 * 43 characters and "=", the last one before it canonical (its unused low bits zero).
 */
const HASH = "[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=";
export const ZBase64Hash = z
  .string()
  .regex(new RegExp(`^${HASH}$`), "expected a SHA-256 hash in standard base64 with padding (44 characters)");

/**
 * A checkpoint as a C2SP signed note: the tlog-checkpoint body (origin line, tree size in decimal
 * without leading zeros, base64 root hash, optional extension lines), a blank line, then one or
 * more signature lines "— <key name> <base64 key id and signature>" (C2SP signed-note).
 */
const CHECKPOINT_RE = new RegExp(
  `^[^\\n]+\\n(0|[1-9][0-9]*)\\n(${HASH})\\n(?:[^\\n]+\\n)*\\n(?:\u2014 [^\\s+]+ [A-Za-z0-9+/]+={0,2}\\n)+$`,
);
export const ZCheckpointNote = z.string().regex(CHECKPOINT_RE, "expected a C2SP signed checkpoint note");

/** The tree size and root a checkpoint note states (the note must have parsed with ZCheckpointNote). */
function checkpointHead(note: string): { treeSize: number; rootHash: string } {
  const [, size, root] = CHECKPOINT_RE.exec(note)!;
  return { treeSize: Number(size), rootHash: root };
}

/** A checkpoint in a JSON object must state that object's tree size and root. */
function agreesWithCheckpoint(o: { treeSize: number; rootHash: string; checkpoint: string | null }): boolean {
  if (o.checkpoint === null || !CHECKPOINT_RE.test(o.checkpoint)) return true;
  const head = checkpointHead(o.checkpoint);
  return head.treeSize === o.treeSize && head.rootHash === o.rootHash;
}
const DISAGREES = { message: "the checkpoint states another tree size or root", path: ["checkpoint"] };

// GET /api/ledger/checkpoint (text/plain): the latest checkpoint note itself.
export const ZCheckpointResponse = ZCheckpointNote;
export type TCheckpointResponse = z.infer<typeof ZCheckpointResponse>;

// GET /api/ledger/tree-heads/{size}
export const ZTreeHeadParams = z.object({ size: zNonNegativeInt("size") });
export const ZTreeHeadResponse = z
  .object({
    treeSize: ZCount,
    rootHash: ZBase64Hash,
    /** Signed when a block ends at this size; otherwise the root is recomputed and nobody signed it. */
    signed: z.boolean(),
    checkpoint: ZCheckpointNote.nullable(),
    blockHeight: ZCount.nullable(),
  })
  .strict()
  .refine(agreesWithCheckpoint, DISAGREES)
  .refine((h) => h.signed === (h.checkpoint !== null) && h.signed === (h.blockHeight !== null), {
    message: "a tree head is signed exactly when it has a checkpoint and a block height",
    path: ["signed"],
  });
export type TTreeHeadResponse = z.infer<typeof ZTreeHeadResponse>;

// GET /api/ledger/proofs/inclusion
const kinds = Object.keys(LEAF_KINDS) as [string, ...string[]];
export const ZInclusionProofQuery = z.union(
  [
    z.object({ index: zNonNegativeInt("index"), treeSize: zNonNegativeInt("treeSize").optional() }).strict(),
    z
      .object({
        kind: z.enum(kinds),
        rowId: z.string().uuid("rowId must be a UUID"),
        treeSize: zNonNegativeInt("treeSize").optional(),
      })
      .strict(),
  ],
  { error: "give either index (and optionally treeSize) or kind and rowId" },
);
export const ZInclusionProofResponse = z
  .object({
    index: ZCount,
    treeSize: ZCount,
    leafHash: ZBase64Hash,
    /** RFC 9162 §2.1.3 audit path, the sibling nearest the leaf first: at most one hash per level. */
    proof: z.array(ZBase64Hash).max(64),
    treeHead: ZTreeHeadResponse,
  })
  .strict()
  .refine((p) => p.index < p.treeSize, { message: "index must be below treeSize", path: ["index"] })
  .refine((p) => p.treeHead.treeSize === p.treeSize, {
    message: "the tree head is of another size",
    path: ["treeHead"],
  });
export type TInclusionProofResponse = z.infer<typeof ZInclusionProofResponse>;

// GET /api/ledger/proofs/consistency
export const ZConsistencyProofQuery = z
  .object({ from: zNonNegativeInt("from"), to: zNonNegativeInt("to").optional() })
  .strict();
export const ZConsistencyProofResponse = z
  .object({
    oldSize: ZCount,
    newSize: ZCount,
    /** RFC 9162 §2.1.4 consistency proof. */
    proof: z.array(ZBase64Hash).max(128),
    oldTreeHead: ZTreeHeadResponse,
    newTreeHead: ZTreeHeadResponse,
  })
  .strict()
  .refine((p) => p.oldSize <= p.newSize, { message: "oldSize must not exceed newSize", path: ["oldSize"] })
  .refine((p) => p.oldTreeHead.treeSize === p.oldSize && p.newTreeHead.treeSize === p.newSize, {
    message: "a tree head is of another size",
    path: ["oldTreeHead"],
  });
export type TConsistencyProofResponse = z.infer<typeof ZConsistencyProofResponse>;

// GET /api/ledger/blocks and /api/ledger/blocks/{height}
export const ZBlockListQuery = z
  .object({ limit: zNonNegativeInt("limit").min(1).max(500).optional(), before: zNonNegativeInt("before").optional() })
  .strict();
export const ZBlockParams = z.object({ height: zNonNegativeInt("height") });
export const ZBlockResponse = z
  .object({
    height: ZCount,
    /** The previous block's hash; 32 zero bytes for block 0. */
    prevHash: ZBase64Hash,
    treeSize: ZCount,
    rootHash: ZBase64Hash,
    sealedAt: z.iso.datetime(),
    blockHash: ZBase64Hash,
    checkpoint: ZCheckpointNote,
  })
  .strict()
  .refine(agreesWithCheckpoint, DISAGREES);
export type TBlockResponse = z.infer<typeof ZBlockResponse>;
export const ZBlockListResponse = z
  .object({
    /** Newest first. */
    blocks: z.array(ZBlockResponse).max(500),
    /** Pass back as `before` for the next page; null on the last page. */
    nextBefore: ZCount.nullable(),
  })
  .strict();
export type TBlockListResponse = z.infer<typeof ZBlockListResponse>;

// GET and POST /api/ledger/verification-runs. A finding has the shape stored in
// VerificationRun.findings (lib/ledger/verify/verification-findings.ts): a run just made has a
// code on every finding; a stored run of findings format 1 has none.
export const ZVerificationFinding = z
  .object({
    index: ZCount.nullable(),
    table: z.string().nullable(),
    rowId: z.string().nullable(),
    blockHeight: ZCount.nullable(),
    code: z.enum(FINDING_CODE_NAMES),
    problem: z.string().min(1),
  })
  .strict() satisfies z.ZodType<TFinding>;
export const ZStoredVerificationFinding = ZVerificationFinding.extend({
  code: ZVerificationFinding.shape.code.optional(),
});
/** POST: the started (joined: false) or already running (joined: true) full verification. */
export const ZVerificationJobResponse = z
  .object({
    jobId: z.string().regex(UUID_RE),
    status: z.literal("running"),
    startedAt: z.iso.datetime(),
    joined: z.boolean(),
  })
  .strict();
export type TVerificationJobResponse = z.infer<typeof ZVerificationJobResponse>;
export const ZVerificationRunListResponse = z
  .object({
    /** Newest first. */
    runs: z.array(
      z
        .object({
          id: z.string().regex(UUID_RE),
          mode: z.enum(["full", "scheduled"]),
          startedAt: z.iso.datetime(),
          finishedAt: z.iso.datetime(),
          ok: z.boolean(),
          treeSize: ZCount,
          findingCount: ZCount,
          findings: z.array(ZStoredVerificationFinding).max(1000),
        })
        .strict(),
    ),
    /** The full verification running now, or null. */
    running: z
      .object({ jobId: z.string().regex(UUID_RE), startedAt: z.iso.datetime() })
      .strict()
      .nullable(),
  })
  .strict();
export type TVerificationRunListResponse = z.infer<typeof ZVerificationRunListResponse>;

// POST /api/ledger/notarized-documents
const ZSha256Hex = z.string().regex(/^[0-9a-fA-F]{64}$/, "sha256 must be 64 hexadecimal characters");
export const ZNotarizeDocumentRequest = z
  .object({
    title: ZNotarizedTitle,
    sha256: ZSha256Hex,
  })
  .strict();
export const ZNotarizedDocumentResponse = z
  .object({
    id: z.string().regex(UUID_RE),
    title: ZNotarizedTitle,
    /** Lower-case hexadecimal. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    createdAt: z.iso.datetime(),
    /** Where the document's leaf landed: the first block, and its checkpoint, that include it. */
    receipt: z
      .object({
        kind: z.literal("notarized_document"),
        rowId: z.string().regex(UUID_RE),
        index: ZCount,
        blockHeight: ZCount,
        treeSize: ZCount,
        checkpoint: ZCheckpointNote,
      })
      .strict(),
    inclusionProof: ZInclusionProofResponse,
  })
  .strict()
  .refine(
    (d) =>
      d.receipt.rowId === d.id &&
      d.inclusionProof.index === d.receipt.index &&
      d.inclusionProof.treeSize === d.receipt.treeSize,
    {
      message: "the receipt and the proof must be of this document's leaf, at the receipt's tree size",
      path: ["receipt"],
    },
  );
export type TNotarizedDocumentResponse = z.infer<typeof ZNotarizedDocumentResponse>;
