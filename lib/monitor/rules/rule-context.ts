// What every rule gets: the batch in ledger order, the facts, the thresholds, and lookups shared
// by several rules (local time in the actor's department's zone, care-team membership at an
// instant). Rules are pure: the same context always yields the same findings.
import { localTime, type TLocalTime } from "./local-time";
import type { TRuleId } from "./rule-docs";
import type { TRuleSetConfig } from "./rule-set";
import type { TFinding, TMonitorBatch, TMonitorEvent, TMonitorFacts, TSeverity } from "./types";

/** AccessEvent subtype of a search's per-patient hit: a patient listed, not opened. */
const SEARCH_HIT_SUBTYPE = "search-type";

export type TRuleContext = {
  facts: TMonitorFacts;
  config: TRuleSetConfig;
  batch: TMonitorBatch;
  /** Lookback and new events together, in ledger order (duplicates dropped). */
  all: readonly TMonitorEvent[];
  /** The new events, in ledger order. */
  fresh: readonly TMonitorEvent[];
  isNew: (event: TMonitorEvent) => boolean;
  local: (event: TMonitorEvent) => TLocalTime;
  /** The local day of an instant for an actor (their department's zone). */
  dayFor: (department: string | null, at: Date) => string;
  onCareTeam: (actorId: string, patientId: string, at: Date) => boolean;
};

const byLedgerOrder = (a: TMonitorEvent, b: TMonitorEvent) =>
  a.ledgerIndex - b.ledgerIndex || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function buildRuleContext(batch: TMonitorBatch, facts: TMonitorFacts, config: TRuleSetConfig): TRuleContext {
  const freshIds = new Set(batch.events.map((e) => e.id));
  const seen = new Set<string>();
  const all = [...batch.events, ...batch.lookback].sort(byLedgerOrder).filter((e) => !seen.has(e.id) && seen.add(e.id));
  const zoneOf = (department: string | null) =>
    (department && facts.departments.get(department)?.timeZone) || facts.defaultTimeZone;
  const locals = new Map<string, TLocalTime>();
  return {
    facts,
    config,
    batch,
    all,
    fresh: all.filter((e) => freshIds.has(e.id)),
    isNew: (e) => freshIds.has(e.id),
    local: (e) => {
      let t = locals.get(e.id);
      if (!t) locals.set(e.id, (t = localTime(zoneOf(e.actorDepartment), e.recorded)));
      return t;
    },
    dayFor: (department, at) => localTime(zoneOf(department), at).day,
    onCareTeam: (actorId, patientId, at) =>
      (facts.patients.get(patientId)?.careTeam ?? []).some(
        (m) => m.userId === actorId && m.from <= at && (m.to === null || at < m.to),
      ),
  };
}

/** An event in which a member of staff opened, changed or exported one patient's data (not a search listing). */
export type TStaffOpen = TMonitorEvent & { actorId: string; patientId: string };

export function isStaffOpen(e: TMonitorEvent): e is TStaffOpen {
  return e.actorId !== null && e.patientId !== null && e.actorRole !== "PATIENT" && e.subtype !== SEARCH_HIT_SUBTYPE;
}

export { isDenied } from "../outcome";

export type TFindingDraft = {
  ruleId: TRuleId;
  severity: TSeverity;
  events: readonly TMonitorEvent[];
  actorId: string;
  patientId: string | null;
  reasonCode: string;
  details?: TFinding["details"];
};

/** A finding dated by the local day of its first event. */
export function finding(ctx: TRuleContext, draft: TFindingDraft): TFinding {
  const first = draft.events[0]!;
  return {
    ruleId: draft.ruleId,
    actorId: draft.actorId,
    patientId: draft.patientId,
    day: ctx.local(first).day,
    severity: draft.severity,
    eventIds: draft.events.map((e) => e.id),
    reasonCode: draft.reasonCode,
    details: draft.details ?? {},
  };
}

export type TRule = { id: TRuleId; evaluate: (ctx: TRuleContext) => TFinding[] };
