import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueueLeaf } from "@/lib/ledger/seal/enqueue-leaf";

export type TCareTeamChangeInput = {
  patientId: string;
  userId: string;
  change: "add" | "remove";
  byId: string;
  /**
   * When the change was made, for history carried over from an earlier system (the demo's 30
   * days); the leaf covers it and the block's sealedAt shows when it was anchored. Defaults to now.
   */
  at?: Date;
};

/**
 * Add or remove a care-team member inside the caller's transaction, anchored as
 * "care_team_change". Membership is the latest change, so a change that would not alter it is
 * skipped (returns null) rather than written twice.
 */
export async function changeCareTeam(tx: Prisma.TransactionClient, input: TCareTeamChangeInput) {
  const last = await tx.careTeamChange.findFirst({
    where: { patientId: input.patientId, userId: input.userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { change: true },
  });
  if ((last?.change ?? "remove") === input.change) return null;
  const { at, ...change } = input;
  const row = await tx.careTeamChange.create({ data: { ...change, ...(at ? { createdAt: at } : {}) } });
  await enqueueLeaf(tx, { kind: "care_team_change", row });
  return row;
}
