import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decideLeaf, type TLeafFindingAt, type TLeafWitnesses } from "./decide-leaf";
import { FINDING_CODES, type TFindingCode } from "./finding-codes";

const hash = (byte: number) => new Uint8Array(32).fill(byte);
const A = hash(0xaa);
const B = hash(0xbb);
const C = hash(0xcc);
const name = (h: Uint8Array | null) => (h === null ? null : h === A ? "A" : h === B ? "B" : h === C ? "C" : "?");

type TRow = "A" | "B" | "missing" | "unknown_kind";
type TEntry = "A" | "B" | "malformed";
type TTile = "A" | "B" | "C" | "missing";
const byName = { A, B, C } as const;

function witnesses(row: TRow, entry: TEntry, tile: TTile): TLeafWitnesses {
  return {
    row: row === "missing" ? "missing" : row === "unknown_kind" ? "unknown_kind" : "found",
    kind: row === "unknown_kind" ? "mystery" : "access_event",
    recomputed: row === "A" || row === "B" ? byName[row] : null,
    stored: entry === "malformed" ? null : byName[entry],
    tile: tile === "missing" ? null : byName[tile],
  };
}

// [row, LedgerEntry.leafHash, level-0 tile] → the hash the tree is built from, and the findings
// (code and witness) in order. "A"/"B"/"C" are distinct hashes; equal letters agree.
const CASES: [TRow, TEntry, TTile, "A" | "B" | "C" | null, [TFindingCode, TLeafFindingAt][]][] = [
  // The row is found and rehashed.
  ["A", "A", "A", "A", []],
  ["A", "A", "B", "A", [["tile_mismatch", "tile"]]],
  ["A", "A", "missing", "A", [["tile_missing", "tile"]]],
  ["A", "B", "A", "A", [["entry_mismatch", "entry"]]],
  ["A", "malformed", "A", "A", [["stored_malformed", "entry"]]],
  ["B", "A", "A", "A", [["leaf_mismatch", "row"]]],
  ["A", "B", "B", "B", [["leaf_mismatch", "row"]]],
  ["A", "B", "C", "C", [["leaf_disagree", "row"]]],
  ["A", "B", "missing", "B", [["leaf_disagree", "row"]]],
  ["A", "malformed", "B", "B", [["leaf_disagree", "row"]]],
  ["A", "malformed", "missing", "A", [["leaf_disagree", "row"]]],
  // The source row is gone: entry and tile must agree.
  ["missing", "A", "A", "A", [["row_missing", "row"]]],
  [
    "missing",
    "A",
    "B",
    "B",
    [
      ["row_missing", "row"],
      ["entry_tile_mismatch", "tile"],
    ],
  ],
  [
    "missing",
    "A",
    "missing",
    "A",
    [
      ["row_missing", "row"],
      ["tile_missing", "tile"],
    ],
  ],
  [
    "missing",
    "malformed",
    "A",
    "A",
    [
      ["row_missing", "row"],
      ["stored_malformed", "entry"],
    ],
  ],
  [
    "missing",
    "malformed",
    "missing",
    null,
    [
      ["row_missing", "row"],
      ["tile_missing", "tile"],
    ],
  ],
  // The entry's kind is unknown, so there is no row to rehash: the same, reported at the entry.
  ["unknown_kind", "A", "A", "A", [["unknown_kind", "entry"]]],
  [
    "unknown_kind",
    "A",
    "B",
    "B",
    [
      ["unknown_kind", "entry"],
      ["entry_tile_mismatch", "tile"],
    ],
  ],
  [
    "unknown_kind",
    "A",
    "missing",
    "A",
    [
      ["unknown_kind", "entry"],
      ["tile_missing", "tile"],
    ],
  ],
  [
    "unknown_kind",
    "malformed",
    "A",
    "A",
    [
      ["unknown_kind", "entry"],
      ["stored_malformed", "entry"],
    ],
  ],
  [
    "unknown_kind",
    "malformed",
    "missing",
    null,
    [
      ["unknown_kind", "entry"],
      ["tile_missing", "tile"],
    ],
  ],
];

describe("decideLeaf", () => {
  it.each(CASES)("row %s, entry %s, tile %s → %s", (row, entry, tile, chosen, findings) => {
    const d = decideLeaf(witnesses(row, entry, tile));
    expect(name(d.hash)).toBe(chosen);
    expect(d.findings.map((f) => [f.code, f.at])).toEqual(findings);
    for (const f of d.findings) expect(f.problem).not.toBe("");
  });

  it("the table covers every combination of row, entry and tile", () => {
    const rows: TRow[] = ["A", "B", "missing", "unknown_kind"];
    const entries: TEntry[] = ["A", "B", "malformed"];
    const tiles: TTile[] = ["A", "B", "C", "missing"];
    const covered = new Set(CASES.map(([r, e, t]) => `${r}/${e}/${t}`));
    // Up to renaming the hashes: a combination is covered when its letters, relabelled in
    // order of first appearance (row, entry, tile), are in the table.
    const canonical = (r: TRow, e: TEntry, t: TTile) => {
      const map = new Map<string, string>();
      const relabel = (x: string) =>
        x in byName ? (map.get(x) ?? (map.set(x, "ABC"[map.size]), map.get(x) as string)) : x;
      return `${relabel(r)}/${relabel(e)}/${relabel(t)}`;
    };
    for (const r of rows) for (const e of entries) for (const t of tiles) expect(covered).toContain(canonical(r, e, t));
  });

  it("the unknown kind's sentence names it as stored", () => {
    const d = decideLeaf({ ...witnesses("unknown_kind", "A", "A"), kind: "" });
    expect(d.findings[0].problem).toBe('unknown ledger kind ""');
  });

  it("whenever two witnesses agree, their hash is chosen and only the third is reported", () => {
    const someHash = fc.constantFrom(A, B, C);
    fc.assert(
      fc.property(
        fc.option(someHash, { nil: null }),
        fc.option(someHash, { nil: null }),
        fc.option(someHash, { nil: null }),
        (recomputed, stored, tile) => {
          const d = decideLeaf({
            row: recomputed ? "found" : "missing",
            kind: "access_event",
            recomputed,
            stored,
            tile,
          });
          const agreed = [
            [recomputed, stored],
            [recomputed, tile],
            [stored, tile],
          ].find(([x, y]) => x !== null && x === y)?.[0];
          if (agreed) expect(d.hash).toBe(agreed);
          const leafFindings = d.findings.filter((f) => f.code !== "row_missing");
          const allAgree = recomputed !== null && recomputed === stored && stored === tile;
          expect(leafFindings.length).toBe(
            allAgree || (recomputed === null && stored !== null && stored === tile) ? 0 : 1,
          );
        },
      ),
    );
  });

  it("every code it reports is in the list of finding codes", () => {
    for (const [r, e, t] of CASES)
      for (const f of decideLeaf(witnesses(r, e, t)).findings) expect(FINDING_CODES).toHaveProperty(f.code);
  });
});
