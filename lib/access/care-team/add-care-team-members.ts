import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueueLeaves } from "@/lib/ledger/seal/enqueue-leaf";

export type TCareTeamMember = { patientId: string; userId: string; byId: string };

/**
 * changeCareTeam's "add" for many memberships at once (an import, the demo's care teams): one
 * read of the pairs' latest changes, one INSERT of the new rows and their leaves, inside the
 * caller's transaction. A pair already on the team is skipped, as changeCareTeam skips it.
 * `at`: when the memberships began, for history carried over from an earlier system.
 */
export async function addCareTeamMembers(
  tx: Prisma.TransactionClient,
  input: { members: readonly TCareTeamMember[]; at?: Date },
): Promise<number> {
  if (input.members.length === 0) return 0;
  const latest = await tx.careTeamChange.findMany({
    where: { OR: input.members.map((m) => ({ patientId: m.patientId, userId: m.userId })) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { patientId: true, userId: true, change: true },
  });
  const current = new Map(latest.map((c) => [`${c.patientId}\n${c.userId}`, c.change]));
  const seen = new Set<string>();
  const fresh = input.members.filter((m) => {
    const key = `${m.patientId}\n${m.userId}`;
    if (current.get(key) === "add" || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (fresh.length === 0) return 0;
  const rows = await tx.careTeamChange.createManyAndReturn({
    data: fresh.map((m) => ({ ...m, change: "add", ...(input.at ? { createdAt: input.at } : {}) })),
  });
  await enqueueLeaves(tx, { kind: "care_team_change", rows });
  return rows.length;
}
