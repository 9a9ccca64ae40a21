// For the lookback cache's tests: a rules-input consumer that loads every step's inputs with the
// cache and without it and requires them equal, counting what the cached path read from the
// database; and a loop stepping consumers in turns until the log is read.
import type pg from "pg";
import { expect } from "vitest";
import { DEFAULT_RULE_SET_CONFIG, lookbackMs } from "../rules/rule-set";
import { newBaselineCache } from "../rules-facts/load-baselines";
import { loadRuleInputs } from "../rules-facts/load-rule-inputs";
import { rememberBatch, type TLookbackCache } from "../rules-facts/lookback-cache";
import { advanceConsumer, type TMonitorConsumer } from "../watermark/advance-consumer";

export type TLookbackStats = { steps: number; reads: number; rowsRead: number; compared: number };

const config = DEFAULT_RULE_SET_CONFIG;

/** Lookback reads from the database (the cache's fills and the uncached reads), and their rows. */
function countingLookbackReads(client: pg.ClientBase, stats: TLookbackStats): pg.ClientBase {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop !== "query") return Reflect.get(target, prop, receiver);
      return async (text: string, ...rest: unknown[]) => {
        const result = await (target.query as (...a: unknown[]) => Promise<pg.QueryResult>)(text, ...rest);
        if (typeof text === "string" && text.includes('"actorId" = ANY($1::uuid[]))')) {
          stats.reads++;
          stats.rowsRead += result.rows.length;
        }
        return result;
      };
    },
  });
}

/**
 * A consumer that, for every step, loads the rules' inputs with the given cache and without one and
 * checks they agree; `fail` makes a step throw after remembering it (a step that never commits).
 */
export function checkingConsumer(name: string, cache: TLookbackCache, o: { fail?: (step: number) => boolean } = {}) {
  const stats: TLookbackStats = { steps: 0, reads: 0, rowsRead: 0, compared: 0 };
  const consumer: TMonitorConsumer = {
    name,
    async handle(client, events, step) {
      stats.steps++;
      const direct = await loadRuleInputs(client, { events, config, cache: newBaselineCache() });
      const viaCache = await loadRuleInputs(countingLookbackReads(client, stats), {
        events,
        config,
        cache: newBaselineCache(),
        lookback: { from: step!.from, cache },
      });
      expect(viaCache.batch.since).toEqual(direct.batch.since);
      expect(viaCache.batch.lookback.map((e) => e.id)).toEqual(direct.batch.lookback.map((e) => e.id));
      expect(viaCache.batch.lookback).toEqual(direct.batch.lookback);
      stats.compared += direct.batch.lookback.length;
      const keepFrom = new Date(viaCache.lookbackStart.getTime() - lookbackMs(config));
      rememberBatch(cache, { to: step!.to, events: viaCache.batch.events, keepFrom });
      if (o.fail?.(stats.steps)) throw new Error("the step dies before its commit");
    },
  };
  return { consumer, stats };
}

/** Steps the consumers in turns, `maxLeaves` at a time, until none finds anything to read. */
export async function runSteps(pool: pg.Pool, consumers: TMonitorConsumer[], maxLeaves: number) {
  for (let turn = 0; ; turn++) {
    const consumer = consumers[turn % consumers.length]!;
    const r = await advanceConsumer(pool, consumer, maxLeaves).catch((e: Error) => {
      if (e.message.includes("dies before its commit")) return { busy: false, scanned: 1 } as const;
      throw e;
    });
    if (!r.busy && r.scanned === 0) return;
  }
}
