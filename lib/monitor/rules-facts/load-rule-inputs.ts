import "server-only";
import type pg from "pg";
import { runPlans } from "@/lib/db/one-trip";
import { lookbackMs, type TRuleSetConfig } from "../rules/rule-set";
import type { TMonitorBatch, TMonitorEvent, TMonitorFacts } from "../rules/types";
import type { TSealedAccessEvent } from "../watermark/sealed-access-events";
import { planBaselines, type TBaselineCache } from "./load-baselines";
import { planBreakGlassWindows, planDepartments, planPatientFacts, planUserFacts } from "./load-facts";
import { lastEvaluatedAt, loadLookback, toMonitorEvent } from "./load-lookback";
import { cacheReaches, fillCache, lookbackFromCache, type TLookbackCache } from "./lookback-cache";

/** Zone of actors without a department: the zone most departments use, else UTC. */
function organisationZone(zones: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const z of zones) counts.set(z, (counts.get(z) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? "UTC";
}

/** The distinct ids under `key` over the lists, sorted (one Set, no copies of the lists). */
function ids(
  key: "actorId" | "patientId",
  ...lists: readonly (readonly { actorId: string | null; patientId: string | null }[])[]
): string[] {
  const seen = new Set<string>();
  for (const list of lists)
    for (const x of list) {
      const v = x[key];
      if (v !== null) seen.add(v);
    }
  return [...seen].sort();
}

/**
 * Everything evaluateRules needs for one batch of sealed events: the events, the evaluated events
 * before them that the windows need (lookbackMs before the batch, or before the last evaluated
 * event when that is earlier, so a break-glass window that ended between batches is whole), and
 * the facts and baselines of every actor and patient involved. With `lookback` (the step's
 * watermark and a cache kept between steps), the lookback comes from memory whenever that is exact.
 */
export async function loadRuleInputs(
  client: pg.ClientBase,
  o: {
    events: readonly TSealedAccessEvent[];
    config: TRuleSetConfig;
    cache: TBaselineCache;
    lookback?: { from: bigint; cache: TLookbackCache };
  },
): Promise<{ batch: TMonitorBatch; facts: TMonitorFacts; lookbackStart: Date }> {
  const events = o.events.map(toMonitorEvent);
  const firstIndex = o.events[0]!.ledgerIndex;
  let minRecorded = Infinity;
  let maxRecorded = -Infinity;
  for (const e of events) {
    minRecorded = Math.min(minRecorded, e.recorded.getTime());
    maxRecorded = Math.max(maxRecorded, e.recorded.getTime());
  }
  const asOf = new Date(maxRecorded);
  const cached = o.lookback && (await cacheReaches(client, o.lookback.cache, o.lookback.from));
  const last = cached ? o.lookback!.cache.last : await lastEvaluatedAt(client, firstIndex);
  const since = last && last.getTime() < minRecorded ? last : new Date(minRecorded - 1);
  const lookbackStart = new Date(Math.min(since.getTime(), minRecorded) - lookbackMs(o.config));

  const [departments, windows] = await runPlans(
    client,
    planDepartments(),
    planBreakGlassWindows({ from: lookbackStart, to: asOf }),
  );
  const actorIds = ids("actorId", events, windows);
  const range = { actorIds, from: lookbackStart, to: asOf };
  let lookback = cached ? lookbackFromCache(o.lookback!.cache, range) : null;
  if (!lookback && o.lookback) {
    await fillCache(client, o.lookback.cache, {
      from: lookbackStart,
      to: asOf,
      beforeIndex: firstIndex,
      through: o.lookback.from,
      last,
    });
    lookback = lookbackFromCache(o.lookback.cache, range);
  }
  lookback ??= await loadLookback(client, { ...range, beforeIndex: firstIndex });
  const patientIds = ids("patientId", events, lookback, windows);

  const defaultTimeZone = organisationZone([...departments.values()].map((d) => d.timeZone));
  const zoneOf = (department: string | null) =>
    (department && departments.get(department)?.timeZone) || defaultTimeZone;
  // Each actor's latest event, the batch's over the lookback's (as a Map built from both in that order).
  const departmentOf = new Map<string | null, TMonitorEvent>();
  for (const list of [events, lookback]) for (const e of list) departmentOf.set(e.actorId, e);
  const actors = actorIds.map((actorId) => {
    const e = departmentOf.get(actorId);
    return {
      actorId,
      role: e?.actorRole ?? null,
      department: e?.actorDepartment ?? null,
      timeZone: zoneOf(e?.actorDepartment ?? null),
    };
  });
  const [users, patients, baselines] = await runPlans(
    client,
    planUserFacts({ actorIds, lookbackStart }),
    planPatientFacts({ patientIds }),
    planBaselines({
      actors,
      departmentZones: new Map([...departments.values()].map((d) => [d.name, d.timeZone])),
      lookbackStart,
      cache: o.cache,
    }),
  );
  return {
    lookbackStart,
    batch: { events, lookback, since, asOf },
    facts: {
      users,
      patients,
      departments,
      breakGlassWindows: windows,
      baselines,
      defaultTimeZone,
    },
  };
}
