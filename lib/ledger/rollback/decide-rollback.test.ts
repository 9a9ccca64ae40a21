import { describe, expect, it } from "vitest";
import { decideRollback, type TStoreAnswer } from "./decide-rollback";

const LOG = "0123456789abcdef0123456789abcdef";
const R = (c: string) => c.repeat(64);
const knows = (treeSize: number, rootHash: string, rootAtIssuedSize: string | null): TStoreAnswer => ({
  store: "local state file",
  issued: { treeSize, rootHash },
  rootAtIssuedSize,
});
const blank: TStoreAnswer = { store: "witness", issued: null, rootAtIssuedSize: null };
const broken: TStoreAnswer = { store: "local state file", error: "not in the expected format" };

describe("decideRollback", () => {
  // [what, head tree size (null: no block yet), store answers, ok, state, issuedTreeSize]
  const table: [string, number | null, TStoreAnswer[], boolean, string, number | null][] = [
    ["a brand-new, empty ledger", null, [], true, "empty", null],
    ["an empty ledger whatever the stores say", null, [broken], true, "empty", null],
    ["no store configured", 5, [], false, "untrusted", null],
    ["no store knows the log (missing file, new genesis)", 5, [blank], false, "untrusted", null],
    ["the tree is the issued one", 5, [knows(5, R("a"), R("a"))], true, "trusted", 5],
    ["the tree grew on the issued history", 9, [knows(5, R("a"), R("a"))], true, "trusted", 5],
    ["one store knows, another does not yet", 9, [blank, knows(5, R("a"), R("a"))], true, "trusted", 5],
    [
      "the larger of two consistent checkpoints",
      9,
      [knows(5, R("a"), R("a")), knows(7, R("b"), R("b"))],
      true,
      "trusted",
      7,
    ],
    ["the tree is smaller than issued (old backup)", 5, [knows(9, R("a"), null)], false, "behind", 9],
    ["another root at the issued size", 11, [knows(9, R("a"), R("b"))], false, "diverged", 9],
    ["no root at the issued size (tiles gone)", 11, [knows(9, R("a"), null)], false, "diverged", 9],
    [
      "one store contradicts, another agrees",
      11,
      [knows(5, R("a"), R("a")), knows(9, R("c"), R("d"))],
      false,
      "diverged",
      9,
    ],
    ["a store cannot be read", 5, [knows(5, R("a"), R("a")), broken], false, "store_error", null],
  ];
  it.each(table)("%s", (_what, treeSize, answers, ok, state, issuedTreeSize) => {
    const head = treeSize === null ? null : { logId: LOG, treeSize };
    const check = decideRollback({ head, answers });
    expect(check).toMatchObject({ ok, state, issuedTreeSize, treeSize: treeSize ?? 0 });
    if (!check.ok) expect(check.reason).not.toMatch(/\//); // no paths in what users may read
  });
});
