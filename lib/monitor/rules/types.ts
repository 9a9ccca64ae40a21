// Input and output of the monitoring rules (docs/monitoring-rules.md). Everything here is plain
// data: the evaluator reads it from the database (access events, fact tables, rollups) and the
// rules never touch the database, never decrypt and never read the clock. Identity facts are
// keyed blind indexes, compared for equality only.

export type TStaffRole = "ADMIN" | "COMPLIANCE_OFFICER" | "CLINICIAN" | "AUDITOR" | "PATIENT";
export type TSeverity = "low" | "medium" | "high" | "critical";

/** One access event as anchored (AccessEvent plus its ledger index); allowed and denied alike. */
export type TMonitorEvent = {
  id: string;
  /** Index of the event's ledger leaf: the evaluator's watermark, and the tie-break of time order. */
  ledgerIndex: number;
  recorded: Date;
  actorId: string | null;
  actorRole: TStaffRole | null;
  /** The actor's department (name, as on User.department) when the event was recorded. */
  actorDepartment: string | null;
  patientId: string | null;
  /** AuditEvent type, subtype and action (C, R, U, D, E); outcome "0" is success. */
  type: string;
  subtype: string;
  action: string;
  outcome: string;
  purposeOfUse: string | null;
  /** The FHIR resource type touched (AccessEvent.entityWhat), null for a whole chart or a search. */
  entityWhat: string | null;
  /** The access happened under break-glass (purpose ETREAT). */
  breakGlass: boolean;
};

/**
 * What the rules evaluate: `events` are new (each evaluated exactly once); `lookback` are earlier
 * events, already evaluated, that the windowed rules need as context (at least
 * lookbackMs(ruleSet) before the first new event). `asOf` is the evaluation time: break-glass
 * windows that ended in (since, asOf] are checked for clinical writes.
 */
export type TMonitorBatch = {
  events: readonly TMonitorEvent[];
  lookback: readonly TMonitorEvent[];
  since: Date;
  asOf: Date;
};

/** A period [from, to); `to` null means open-ended. */
export type TPeriod = { from: Date; to: Date | null };

export type TAccountStatus = "active" | "disabled" | "terminated";

export type TUserFacts = {
  id: string;
  role: TStaffRole;
  department: string | null;
  lastNameIndex: string | null;
  addressIndex: string | null;
  /** The patient record of this employee (staff ↔ patient link), if they are also a patient. */
  ownPatientId: string | null;
  /** Account status changes (AccountStatusChange), any order; before the first one the account is active. */
  statusHistory: readonly { status: TAccountStatus; at: Date }[];
  /** The actor's last event before the batch and its lookback, null if none is known. */
  lastActivityBefore: Date | null;
};

export type TCareTeamMembership = { userId: string; addedById: string; from: Date; to: Date | null };

export type TPatientFacts = {
  id: string;
  lastNameIndex: string | null;
  addressIndex: string | null;
  /** Blind indexes (field "address") of prior addresses. */
  priorAddressIndexes: readonly string[];
  /** Blind indexes (field "lastName") of the last names of contacts (next of kin). */
  contactNameIndexes: readonly string[];
  /** The employee account this patient is, if any (the inverse of TUserFacts.ownPatientId). */
  staffUserId: string | null;
  vipPeriods: readonly TPeriod[];
  deceasedAt: Date | null;
  /** Departments caring for the patient (e.g. those of its care team); empty = unknown. */
  departments: readonly string[];
  careTeam: readonly TCareTeamMembership[];
};

/** Shift hours of a department: per ISO weekday (1 = Monday … 7 = Sunday), "HH:MM" local; end ≤ start crosses midnight. */
export type TShift = { weekday: number; start: string; end: string };

export type TDepartmentFacts = { name: string; timeZone: string; shifts: readonly TShift[] };

export type TBreakGlassWindow = { id: string; actorId: string; patientId: string; startedAt: Date; expiresAt: Date };

/**
 * Baselines from rollup tables, as plain numbers. hourOfWeek is (ISO weekday − 1) × 24 + local
 * hour, 0…167, in the department's time zone. Counts cover the baseline period before the batch.
 */
export type TBaselines = {
  actorHourOfWeek: (actorId: string, hourOfWeek: number) => number;
  departmentHourOfWeek: (department: string, hourOfWeek: number) => number;
  /** Distinct patients per day of the actor over the baseline days (one number per day, zeros included). */
  actorDailyDistinctPatients: (actorId: string) => readonly number[];
  /** Distinct patients per actor-day of the peers (same role and department, the actor excluded). */
  peerDailyDistinctPatients: (role: TStaffRole, department: string | null, actorId: string) => readonly number[];
  /** Patients the actor opened earlier on that local day, before the batch and its lookback. */
  dayPatientsBefore: (actorId: string, day: string) => ReadonlySet<string>;
  /** Break-glass declarations per day, the actor's and the mean of its peers', over the baseline days. */
  actorBreakGlassPerDay: (actorId: string) => number;
  peerBreakGlassPerDay: (role: TStaffRole, department: string | null, actorId: string) => number;
};

export type TMonitorFacts = {
  users: ReadonlyMap<string, TUserFacts>;
  patients: ReadonlyMap<string, TPatientFacts>;
  departments: ReadonlyMap<string, TDepartmentFacts>;
  breakGlassWindows: readonly TBreakGlassWindow[];
  baselines: TBaselines;
  /** Zone for actors without a department (the organisation's). */
  defaultTimeZone: string;
};

/** A rule hit. details carry ids, counts and codes only: never PHI, never an index value. */
export type TFinding = {
  ruleId: string;
  actorId: string;
  patientId: string | null;
  /** YYYY-MM-DD in the actor's department's time zone. */
  day: string;
  severity: TSeverity;
  /** The events that make the finding, in ledger order. */
  eventIds: readonly string[];
  reasonCode: string;
  details: Readonly<Record<string, string | number | boolean | null>>;
};
