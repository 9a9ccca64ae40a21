// Builders of rule inputs for the rule tests: one place that knows every field, so a test states
// only what it is about. Plain data, no database.
import type {
  TBaselines,
  TDepartmentFacts,
  TMonitorBatch,
  TMonitorEvent,
  TMonitorFacts,
  TPatientFacts,
  TUserFacts,
} from "./types";

export const ACTOR = "00000000-0000-4000-8000-0000000000a1";
export const OTHER_ACTOR = "00000000-0000-4000-8000-0000000000a2";
export const PATIENT = "00000000-0000-4000-8000-0000000000b1";
export const OTHER_PATIENT = "00000000-0000-4000-8000-0000000000b2";

export const userFacts = (o: Partial<TUserFacts> = {}): TUserFacts => ({
  id: ACTOR,
  role: "CLINICIAN",
  department: "Cardiology",
  lastNameIndex: "ln-actor",
  addressIndex: "addr-actor",
  ownPatientId: null,
  statusHistory: [],
  lastActivityBefore: null,
  ...o,
});

export const patientFacts = (o: Partial<TPatientFacts> = {}): TPatientFacts => ({
  id: PATIENT,
  lastNameIndex: "ln-patient",
  addressIndex: "addr-patient",
  priorAddressIndexes: [],
  contactNameIndexes: [],
  staffUserId: null,
  vipPeriods: [],
  deceasedAt: null,
  departments: [],
  careTeam: [],
  ...o,
});

export const CARDIOLOGY: TDepartmentFacts = {
  name: "Cardiology",
  timeZone: "Europe/Berlin",
  shifts: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: "07:00", end: "19:00" })),
};

let seq = 0;
export function event(o: Partial<TMonitorEvent> = {}): TMonitorEvent {
  seq += 1;
  return {
    id: `00000000-0000-7000-8000-${String(seq).padStart(12, "0")}`,
    ledgerIndex: seq,
    recorded: new Date("2026-06-03T10:00:00Z"),
    actorId: ACTOR,
    actorRole: "CLINICIAN",
    actorDepartment: "Cardiology",
    patientId: PATIENT,
    type: "rest",
    subtype: "read",
    action: "R",
    outcome: "0",
    purposeOfUse: "TREAT",
    entityWhat: null,
    breakGlass: false,
    ...o,
  };
}

/** Baselines of a steady worker: busy in every hour of the week, ten patients a day. */
export const baselines = (o: Partial<TBaselines> = {}): TBaselines => ({
  actorHourOfWeek: () => 10,
  departmentHourOfWeek: () => 100,
  actorDailyDistinctPatients: () => [],
  peerDailyDistinctPatients: () => [],
  dayPatientsBefore: () => new Set(),
  actorBreakGlassPerDay: () => 0,
  peerBreakGlassPerDay: () => 0,
  ...o,
});

export function facts(
  o: {
    users?: TUserFacts[];
    patients?: TPatientFacts[];
    departments?: TDepartmentFacts[];
    baselines?: Partial<TBaselines>;
    breakGlassWindows?: TMonitorFacts["breakGlassWindows"];
  } = {},
): TMonitorFacts {
  return {
    users: new Map((o.users ?? [userFacts()]).map((u) => [u.id, u])),
    patients: new Map((o.patients ?? [patientFacts()]).map((p) => [p.id, p])),
    departments: new Map((o.departments ?? [CARDIOLOGY]).map((d) => [d.name, d])),
    breakGlassWindows: o.breakGlassWindows ?? [],
    baselines: baselines(o.baselines),
    defaultTimeZone: "UTC",
  };
}

export function batch(events: TMonitorEvent[], o: Partial<TMonitorBatch> = {}): TMonitorBatch {
  const times = events.map((e) => e.recorded.getTime());
  return {
    events,
    lookback: [],
    since: new Date(Math.min(...times, Date.UTC(2026, 0, 1)) - 1),
    asOf: new Date(Math.max(...times, 0)),
    ...o,
  };
}
