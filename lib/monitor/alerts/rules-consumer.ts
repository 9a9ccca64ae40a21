import "server-only";
import type pg from "pg";
import { evaluateRules } from "../rules/evaluate-rules";
import { buildRuleSet, DEFAULT_RULE_SET, lookbackMs } from "../rules/rule-set";
import { newBaselineCache } from "../rules-facts/load-baselines";
import { loadRuleInputs } from "../rules-facts/load-rule-inputs";
import { newLookbackCache, rememberBatch } from "../rules-facts/lookback-cache";
import type { TMonitorConsumer } from "../watermark/advance-consumer";
import { writeRuleAlerts } from "./write-rule-alerts";

/** The rule set in force, read through the step's own connection (so in its snapshot). */
async function activeRuleSet(client: pg.ClientBase) {
  const { rows } = await client.query<{ version: number; hash: string; config: unknown }>(
    `SELECT version, hash, config FROM "MonitorRuleSet" ORDER BY version DESC LIMIT 1`,
  );
  if (rows.length === 0) return DEFAULT_RULE_SET;
  const ruleSet = buildRuleSet(rows[0]!.config);
  // As loadActiveRuleSet: a stored config that no longer matches its anchored hash is refused.
  if (ruleSet.hash !== rows[0]!.hash)
    throw new Error(`monitor: rule set version ${rows[0]!.version} does not match its recorded hash`);
  return ruleSet;
}

/**
 * The monitoring rules behind the ledger: each batch of sealed events is evaluated once with the
 * rule set in force, and its findings become privacy alerts in the transaction that moves the
 * watermark. It reads no leaf the rollups have not read (`after`), so the baselines it takes from
 * them cover everything before the batch. Each instance keeps the recent events in memory for the
 * next batch's lookback (lookback-cache.ts).
 */
export function createRulesConsumer(name = "rules"): TMonitorConsumer {
  const cache = newBaselineCache();
  const recent = newLookbackCache();
  return {
    name,
    after: "rollups",
    async handle(client, events, step) {
      const ruleSet = await activeRuleSet(client);
      const lookback = step ? { from: step.from, cache: recent } : undefined;
      const { batch, facts, lookbackStart } = await loadRuleInputs(client, {
        events,
        config: ruleSet.config,
        cache,
        lookback,
      });
      const { findings, ruleSetHash } = evaluateRules(batch, facts, ruleSet);
      await writeRuleAlerts(client, { findings, ruleSetHash });
      // Kept before the step commits: a step that fails to commit leaves the watermark behind the
      // cache, which the next step sees and starts over (lookback-cache.ts).
      if (step)
        rememberBatch(recent, {
          to: step.to,
          events: batch.events,
          keepFrom: new Date(lookbackStart.getTime() - lookbackMs(ruleSet.config)),
        });
    },
    // Alerts are kept: officers may have worked on them, and their raising is anchored. Evaluated
    // again, the history raises only what is not there yet (the unique key absorbs the rest).
    async reset() {},
  };
}

export const rulesConsumer = createRulesConsumer();
