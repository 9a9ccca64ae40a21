// What every rule gets: the batch in ledger order, the facts, the thresholds, and lookups shared
// by several rules (local time in the actor's department's zone, care-team membership at an
// instant). Rules are pure: the same context always yields the same findings.
import { localTime, type TLocalTime } from "./local-time";
import type { TRuleId } from "./rule-docs";
import type { TRuleSetConfig } from "./rule-set";
import type {
  TCareTeamMembership,
  TFinding,
  TMonitorBatch,
  TMonitorEvent,
  TMonitorFacts,
  TPatientFacts,
  TSeverity,
  TUserFacts,
} from "./types";

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
  /** The new events that are staff opens whose actor and patient have facts, in ledger order (the per-open rules' input). */
  freshOpens: () => readonly TResolvedOpen[];
  isNew: (event: TMonitorEvent) => boolean;
  local: (event: TMonitorEvent) => TLocalTime;
  /** The local day of an instant for an actor (their department's zone). */
  dayFor: (department: string | null, at: Date) => string;
  onCareTeam: (actorId: string, patientId: string, at: Date) => boolean;
};

/** A staff open with the facts of its actor and patient (and the context, so a per-open test takes it as is). */
export type TResolvedOpen = { event: TStaffOpen; actor: TUserFacts; patient: TPatientFacts; ctx: TRuleContext };

const byLedgerOrder = (a: TMonitorEvent, b: TMonitorEvent) =>
  a.ledgerIndex - b.ledgerIndex || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Lookback and new events in ledger order, each id once. The evaluator hands both in ledger order
 * with the lookback entirely before the batch, so the usual case is a concatenation checked in one
 * pass; anything else (an overlap, a duplicate) is sorted with the batch first, and of equal ids
 * the first is kept.
 */
function inLedgerOrder(batch: TMonitorBatch): TMonitorEvent[] {
  let all = [...batch.lookback, ...batch.events];
  for (let i = 1; i < all.length; i++) {
    if (byLedgerOrder(all[i - 1]!, all[i]!) >= 0) {
      all = [...batch.events, ...batch.lookback].sort(byLedgerOrder);
      break;
    }
  }
  const out: TMonitorEvent[] = [];
  const seen = new Set<string>();
  for (const e of all) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    out.push(e);
  }
  return out;
}

export function buildRuleContext(batch: TMonitorBatch, facts: TMonitorFacts, config: TRuleSetConfig): TRuleContext {
  const freshIds = new Set<string>();
  for (const e of batch.events) freshIds.add(e.id);
  const all = inLedgerOrder(batch);
  const fresh = all.filter((e) => freshIds.has(e.id));
  const zoneOf = (department: string | null) =>
    (department && facts.departments.get(department)?.timeZone) || facts.defaultTimeZone;
  // Keyed by the event object: every rule asks about the same objects, of `all`.
  const locals = new Map<TMonitorEvent, TLocalTime>();
  // patient → actor → memberships, built for a patient when first asked about: rapid browsing asks for nearly every open.
  const teams = new Map<string, Map<string, TCareTeamMembership[]>>();
  const teamOf = (patientId: string) => {
    let team = teams.get(patientId);
    if (!team) {
      team = new Map();
      for (const m of facts.patients.get(patientId)?.careTeam ?? []) {
        const list = team.get(m.userId);
        if (list) list.push(m);
        else team.set(m.userId, [m]);
      }
      teams.set(patientId, team);
    }
    return team;
  };
  let opens: TResolvedOpen[] | null = null;
  const ctx: TRuleContext = {
    facts,
    config,
    batch,
    all,
    fresh,
    freshOpens: () => {
      if (opens) return opens;
      opens = [];
      for (const event of fresh) {
        if (!isStaffOpen(event)) continue;
        const actor = facts.users.get(event.actorId);
        const patient = facts.patients.get(event.patientId);
        if (actor && patient) opens.push({ event, actor, patient, ctx });
      }
      return opens;
    },
    isNew: (e) => freshIds.has(e.id),
    local: (e) => {
      let t = locals.get(e);
      if (!t) locals.set(e, (t = localTime(zoneOf(e.actorDepartment), e.recorded)));
      return t;
    },
    dayFor: (department, at) => localTime(zoneOf(department), at).day,
    onCareTeam: (actorId, patientId, at) => {
      const memberships = teamOf(patientId).get(actorId);
      if (!memberships) return false;
      for (const m of memberships) if (m.from <= at && (m.to === null || at < m.to)) return true;
      return false;
    },
  };
  return ctx;
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
