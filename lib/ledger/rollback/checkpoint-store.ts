import { z } from "zod";

// What a store of truth outside the database remembers about a log: the latest checkpoint the
// log is known to have issued. The local state file is the first store; witnesses (which cosign
// checkpoints and refuse to go backwards) are the next. The guard asks every configured store.

/** A log is named by its genesis block: a ledger rebuilt from a new genesis is another log. */
export const ZLogId = z.string().regex(/^[0-9a-f]{32}$/, "a log id is 32 lowercase hex characters");

/**
 * One remembered checkpoint. Persisted (in the state file, format 1): changing a field breaks
 * reading the state that detects rollbacks; add optional fields instead.
 */
export const ZIssuedCheckpoint = z.object({
  treeSize: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  /** Lowercase hex of the RFC 9162 root at treeSize. */
  rootHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The C2SP signed checkpoint note as the log issued it. */
  checkpoint: z
    .string()
    .min(1)
    .max(64 * 1024),
  recordedAt: z.iso.datetime(),
  /** Set when an administrator re-trusted this head (the approved LedgerTrustRequest). */
  trustRequestId: z.uuid().optional(),
});
export type TIssuedCheckpoint = z.infer<typeof ZIssuedCheckpoint>;

export type TRecordOptions = {
  /**
   * Replace what the store holds even when it is larger or on another history: only for a
   * re-trusted head (four eyes, anchored). Without it a store keeps the larger checkpoint.
   */
  supersede?: boolean;
  /**
   * Write only if the store still holds this checkpoint (null: none), as the caller read it just
   * before deciding to write: a store moved aside or changed meanwhile is left as it is.
   */
  expect?: Pick<TIssuedCheckpoint, "treeSize" | "rootHash"> | null;
};

export interface TCheckpointStore {
  /** Which store said what, in messages (e.g. "local state file"); no path, users may see it. */
  readonly name: string;
  /** Where it is (a path, a witness URL), for administrators' pages and the CLI only. */
  readonly location: string;
  /** The latest checkpoint this store knows for the log, or null when it knows none. */
  latest(logId: string): Promise<TIssuedCheckpoint | null>;
  /**
   * Remember a checkpoint of the log (kept only if larger, unless superseding). False when it was
   * not written because the store no longer held what `expect` named.
   */
  record(logId: string, cp: TIssuedCheckpoint, options?: TRecordOptions): Promise<boolean>;
}
