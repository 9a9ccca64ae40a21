import { bytesEqual } from "../tlog/encoding";
import type { TFindingCode } from "./finding-codes";

/**
 * The three witnesses of one leaf. `recomputed` is null when the leaf cannot be rebuilt from
 * its source row (`row` says why), `stored` when LedgerEntry.leafHash is not 32 bytes, `tile`
 * when the level-0 tile lacks the leaf.
 */
export type TLeafWitnesses = {
  row: "found" | "missing" | "unknown_kind";
  /** The entry's kind as stored, for the unknown_kind sentence. */
  kind: string;
  recomputed: Uint8Array | null;
  stored: Uint8Array | null;
  tile: Uint8Array | null;
};

/** Which witness a finding is about: the source row's table, LedgerEntry or LedgerTile. */
export type TLeafFindingAt = "row" | "entry" | "tile";

export type TLeafFinding = { code: TFindingCode; at: TLeafFindingAt; problem: string };

export type TLeafDecision = {
  /** The hash the tree is built from; null only when no witness has one. */
  hash: Uint8Array | null;
  findings: TLeafFinding[];
};

const finding = (code: TFindingCode, at: TLeafFindingAt, problem: string): TLeafFinding => ({ code, at, problem });

/**
 * Which leaf hash is right: the one two witnesses agree on, with a finding for the odd one out,
 * so one tampered row yields one finding at its exact index instead of a cascade of root
 * mismatches. Without agreement the tile wins, then the entry, then the row (the tree that was
 * signed is the one the tiles hold). Pure: decide-leaf.test.ts holds its decision table.
 */
export function decideLeaf(w: TLeafWitnesses): TLeafDecision {
  const { recomputed, stored, tile } = w;
  const findings: TLeafFinding[] = [];
  if (w.row === "unknown_kind")
    findings.push(finding("unknown_kind", "entry", `unknown ledger kind ${JSON.stringify(w.kind)}`));
  else if (w.row === "missing")
    findings.push(finding("row_missing", "row", "source row is missing (deleted, or the entry's rowId was changed)"));
  const tileOk = tile !== null && stored !== null && bytesEqual(tile, stored);

  if (recomputed) {
    const rowOk = stored !== null && bytesEqual(recomputed, stored);
    if (rowOk && tileOk) return { hash: stored, findings };
    if (rowOk) {
      findings.push(
        tile
          ? finding("tile_mismatch", "tile", "level-0 tile holds a different hash for this leaf")
          : finding("tile_missing", "tile", "level-0 tile is missing this leaf"),
      );
      return { hash: stored, findings };
    }
    if (tile && bytesEqual(recomputed, tile)) {
      findings.push(
        stored
          ? finding("entry_mismatch", "entry", "stored leaf hash in LedgerEntry was changed")
          : finding("stored_malformed", "entry", "stored leaf hash in LedgerEntry is not a 32-byte hash"),
      );
      return { hash: recomputed, findings };
    }
    if (tileOk) {
      findings.push(
        finding(
          "leaf_mismatch",
          "row",
          "row content does not match its anchored leaf hash (row modified, or entries reordered)",
        ),
      );
      return { hash: stored, findings };
    }
    findings.push(finding("leaf_disagree", "row", "row, stored leaf hash and tile all disagree"));
    return { hash: tile ?? stored ?? recomputed, findings };
  }
  // No row to recompute from (already reported): the entry and the tile have to agree.
  if (!tileOk) {
    if (!tile) findings.push(finding("tile_missing", "tile", "level-0 tile is missing this leaf"));
    else if (!stored)
      findings.push(finding("stored_malformed", "entry", "stored leaf hash in LedgerEntry is not a 32-byte hash"));
    else findings.push(finding("entry_tile_mismatch", "tile", "stored leaf hash and level-0 tile disagree"));
  }
  return { hash: tile ?? stored, findings };
}
