import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAdminAction } from "@/lib/auth/record-admin-action";
import { enqueueLeaf } from "@/lib/ledger/seal/enqueue-leaf";
import { buildRuleSet } from "@/lib/monitor/rules/rule-set";
import { requireActiveAdmin } from "./require-admin";

/**
 * Put a new version of the monitoring thresholds in force: validated by ZRuleSetConfig (a
 * ZodError is a 422), stored as the next version with its hash, anchored, and recorded as an
 * admin action. Versions are serialised by a transaction-scoped advisory lock, so two
 * activations cannot both become version n.
 */
export async function activateRuleSet(prisma: PrismaClient, input: { actorId: string; config: unknown }) {
  const ruleSet = buildRuleSet(input.config);
  return prisma.$transaction(async (tx: Prisma.TransactionClient) => {
    await requireActiveAdmin(tx, input.actorId);
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('MonitorRuleSet'))`;
    const latest = await tx.monitorRuleSet.findFirst({ orderBy: { version: "desc" }, select: { version: true } });
    const version = (latest?.version ?? 0) + 1;
    const row = await tx.monitorRuleSet.create({
      data: { version, hash: ruleSet.hash, config: ruleSet.config, activatedById: input.actorId },
    });
    await enqueueLeaf(tx, { kind: "monitor_rule_set", row });
    await recordAdminAction(tx, {
      actorId: input.actorId,
      action: "monitor.rule_set_activate",
      targetUserId: null,
      details: { ruleSetVersion: version, ruleSetHash: ruleSet.hash },
    });
    return { version, hash: ruleSet.hash };
  });
}
