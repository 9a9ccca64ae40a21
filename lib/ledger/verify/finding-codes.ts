/**
 * The machine codes of verification findings, one per kind of problem, beside the human
 * sentence each finding carries (TFinding.problem). Tests, the CLI's --json output and any UI
 * match on these, never on the sentence. Codes are persisted in VerificationRun.findings:
 * renaming or removing one breaks reading old runs; add new codes instead.
 */
export const FINDING_CODES = {
  // One leaf: its three witnesses (source row, LedgerEntry.leafHash, level-0 tile), see decide-leaf.ts.
  leaf_mismatch:
    "The source row no longer hashes to its leaf; entry and tile agree (row modified, or entries reordered).",
  entry_mismatch: "LedgerEntry.leafHash was changed; the row and the level-0 tile agree.",
  stored_malformed: "LedgerEntry.leafHash is not a 32-byte hash; the row and the level-0 tile agree.",
  tile_mismatch: "The level-0 tile holds another hash for a leaf on which row and entry agree.",
  tile_missing: "A tile (or the level-0 tile slot of a leaf) that the tree needs is not stored.",
  entry_tile_mismatch: "Without a row to recompute the leaf from, LedgerEntry.leafHash and the level-0 tile disagree.",
  leaf_disagree: "No two of row, entry and tile agree on the leaf.",
  row_missing: "The entry's source row is not in its table (deleted, or the entry's rowId was changed).",
  unknown_kind: "The entry's kind is not a known leaf kind (renamed, or set to NULL).",
  // Entries and their blocks.
  entry_gap: "No LedgerEntry at this index below the tree size (index gap).",
  entry_unsealed: "The entry lies beyond the latest block's tree size.",
  entry_block: "The entry's blockHeight is not the block whose range holds its index.",
  // Tiles as a whole.
  tile_width: "A stored tile's width differs from the one the tree size implies.",
  tile_beyond_tree: "A stored tile describes leaves beyond the tree size (left behind by a truncated tail).",
  // Blocks and checkpoints.
  block_height: "A block's height does not follow the previous block's.",
  block_order: "A block's tree size is smaller than an earlier block's.",
  block_link: "A block's prevHash is not the previous block's hash.",
  block_hash: "A block's hash does not match its contents.",
  block_beyond_tree: "A block claims a tree size larger than the ledger's entries (tail truncated).",
  root_mismatch: "A block's root hash differs from the root recomputed from the entries at its tree size.",
  checkpoint_origin: "A block's checkpoint names another log origin.",
  checkpoint_size: "A block's checkpoint tree size differs from the block's.",
  checkpoint_root: "A block's checkpoint root differs from the block's root.",
  signature: "A block's checkpoint signature does not verify with the log key.",
  // Whole tables.
  unanchored_row: "A row of an anchored table has no ledger entry and is not queued.",
  refused_entry:
    "The sequencer refused a queue entry (writer MAC missing or wrong, backdated, replayed): a write the app did not make.",
  rollback: "An earlier (anchored) verification run saw a larger tree: history was rolled back or truncated.",
  // Against a checkpoint kept outside the database (`healthledger verify --trusted-checkpoint`).
  trusted_checkpoint_invalid:
    "The trusted checkpoint is not a note signed by the log's key for its origin (bad signature, another key or origin, malformed).",
  trusted_checkpoint_behind:
    "The database's tree is smaller than the trusted checkpoint: an older backup was restored, or history was truncated.",
  trusted_checkpoint_diverged:
    "The database's tree is not consistent with the trusted checkpoint (no consistency proof): its history was rewritten or rebuilt.",
  // Record checks (lib/vault/verify-records.ts), recorded in the same runs.
  ciphertext_hash: "A record version's ciphertext no longer matches its anchored SHA-256.",
  record_leaf: "A record version row differs from its ledger leaf (hash, commitment, record, version or type).",
  record_unanchored: "A record version is neither in the ledger nor queued.",
  version_missing: "A version below a record's current version is missing (deleted).",
  anchored_version_deleted: "A ledger entry names a record version that no longer exists.",
  data_key: "A patient's data key does not unwrap (wrong KEK, or the wrapped key was altered or moved).",
  decrypt: "A ciphertext does not decrypt as its record and version (altered, or swapped with another record).",
  commitment: "A record's keyed commitment does not match its decrypted content.",
} as const satisfies Record<string, string>;

export type TFindingCode = keyof typeof FINDING_CODES;

export const FINDING_CODE_NAMES = Object.keys(FINDING_CODES) as [TFindingCode, ...TFindingCode[]];
