import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { DEFAULT_RULE_SET, buildRuleSet, type TRuleSet } from "./rules/rule-set";

export type TActiveRuleSet = TRuleSet & { version: number };

/**
 * The rule set in force: the highest activated version, or the built-in defaults (version 0)
 * before any activation. The stored config is re-validated and re-hashed: a row whose config
 * no longer matches its anchored hash is refused rather than evaluated under a false hash.
 */
export async function loadActiveRuleSet(prisma: PrismaClient): Promise<TActiveRuleSet> {
  const row = await prisma.monitorRuleSet.findFirst({ orderBy: { version: "desc" } });
  if (!row) return { ...DEFAULT_RULE_SET, version: 0 };
  const ruleSet = buildRuleSet(row.config);
  if (ruleSet.hash !== row.hash)
    throw new AppError("conflict", `Monitoring rule set version ${row.version} does not match its recorded hash.`);
  return { ...ruleSet, version: row.version };
}
