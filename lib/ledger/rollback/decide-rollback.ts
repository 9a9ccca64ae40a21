// Whether the database's ledger may be served, from what the stores of truth remember: a pure
// decision (decide-rollback.test.ts has its table). Fail closed: a ledger that exists is served
// only when at least one store knows a checkpoint of it and no store knows one it contradicts.

export type TStoreAnswer =
  | {
      store: string;
      /** The latest checkpoint the store knows for this log, or null. */
      issued: { treeSize: number; rootHash: string } | null;
      /** The database's root (hex) at issued.treeSize; null when the tree is smaller or the root cannot be computed. */
      rootAtIssuedSize: string | null;
    }
  | { store: string; error: string };

export type TRollbackFacts = {
  /** The database's ledger: null before the first block was sealed. */
  head: { logId: string; treeSize: number } | null;
  answers: readonly TStoreAnswer[];
};

export type TRollbackState = "empty" | "trusted" | "untrusted" | "behind" | "diverged" | "store_error";

export type TRollbackCheck =
  | { ok: true; state: "empty" | "trusted"; treeSize: number; issuedTreeSize: number | null; logId: string | null }
  | {
      ok: false;
      state: Exclude<TRollbackState, "empty" | "trusted">;
      treeSize: number;
      issuedTreeSize: number | null;
      logId: string | null;
      /** One sentence for administrators (no PHI, no paths). */
      reason: string;
    };

export function decideRollback(facts: TRollbackFacts): TRollbackCheck {
  const { head } = facts;
  // A brand-new installation: nothing to roll back, and its first block will be remembered.
  if (!head) return { ok: true, state: "empty", treeSize: 0, issuedTreeSize: null, logId: null };
  const base = { ok: false as const, treeSize: head.treeSize, logId: head.logId };
  let largest: number | null = null;
  for (const a of facts.answers) {
    if ("error" in a)
      return { ...base, state: "store_error", issuedTreeSize: null, reason: `the ${a.store} could not be read` };
    if (!a.issued) continue;
    largest = Math.max(largest ?? 0, a.issued.treeSize);
    if (a.issued.treeSize > head.treeSize)
      return {
        ...base,
        state: "behind",
        issuedTreeSize: a.issued.treeSize,
        reason: `the database's ledger has ${head.treeSize} entries but a checkpoint for ${a.issued.treeSize} was already issued (${a.store})`,
      };
    if (a.rootAtIssuedSize !== a.issued.rootHash)
      return {
        ...base,
        state: "diverged",
        issuedTreeSize: a.issued.treeSize,
        reason: `the database's tree at size ${a.issued.treeSize} has another root than the checkpoint issued then (${a.store})`,
      };
  }
  if (largest === null)
    return {
      ...base,
      state: "untrusted",
      issuedTreeSize: null,
      reason: "a replaced database, a ledger rebuilt from a new genesis, or a missing state file",
    };
  return { ok: true, state: "trusted", treeSize: head.treeSize, issuedTreeSize: largest, logId: head.logId };
}
