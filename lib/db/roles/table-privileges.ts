// Every table of the schema and what the app role (healthledger_app: the web app, the sequencer,
// the monitor, the CLI and the seed) may do with it. lib/db/roles/grant-sql.ts turns this list
// into GRANTs after every migration; a table missing here gets nothing, and
// lib/db/roles/table-privileges.test.ts fails until it is classified. Each class grants SELECT
// and INSERT; anything more is listed per table with the code that needs it. Nothing here ever
// gets TRUNCATE, REFERENCES or TRIGGER, and the app owns no table, so it can neither disable nor
// drop the append-only triggers (docs/database-roles.md).

export type TTableClass =
  /** Append-only history: anchored rows and their decisions. Never updated or deleted. */
  | "history"
  /** The Merkle log itself (entries, tiles, blocks). */
  | "ledger"
  /** Rows waiting to be sealed: the sequencer deletes what it sealed. */
  | "queue"
  /** Current state that the code changes in place (accounts, patients, workflow status). */
  | "mutable"
  /** Recomputable from the sealed log (rollups, watermarks): counters move forward. */
  | "derived"
  /** Short-lived counters: upserted, then deleted when they expire. */
  | "counter"
  /** Prisma's record of applied migrations: the owner's alone. */
  | "migrations";

export type TTablePrivileges = {
  class: TTableClass;
  /** UPDATE on these columns only, or on the whole row ("all"). */
  update?: "all" | readonly string[];
  delete?: true;
  /** VACUUM by the app itself (PostgreSQL 17's MAINTAIN privilege; older servers leave it to autovacuum). */
  maintain?: true;
  /** Why it needs more than SELECT and INSERT: the statements that do it. */
  why?: string;
};

const history: TTablePrivileges = { class: "history" };

export const TABLE_PRIVILEGES = {
  AccessEvent: history,
  RecordVersion: history,
  NotarizedDocument: history,
  EvidenceCaCertificate: history,
  IssuedReport: history,
  IssuedReportBundle: history,
  AuditEngagement: history,
  AuditEngagementRevocation: history,
  AdminAction: history,
  VerificationRun: history,
  Consent: history,
  ConsentRevocation: history,
  CareTeamChange: history,
  PrivacyAlertAcknowledgement: history,
  PrivacyAlertTransition: history,
  PrivacyCaseTransition: history,
  Disclosure: history,
  RoleChange: history,
  RoleChangeDecision: history,
  AccountReset: history,
  AccountResetDecision: history,
  LedgerTrustRequest: history,
  LedgerTrustDecision: history,
  LedgerRefusedEntry: history,
  WitnessCosignature: history,
  AccountStatusChange: history,
  PatientFlag: history,
  MonitorRuleSet: history,
  BreakGlass: {
    class: "history",
    update: ["reason"],
    why: "erasure forgets the plaintext reason of rows written before reasons were sealed (lib/vault/decide-erasure.ts); the trigger allows only that, once the patient is erased",
  },
  ErasureDecision: {
    class: "history",
    update: ["reason"],
    why: "as BreakGlass: erasure sets a legacy plaintext reason to NULL, which the trigger allows only for an erased patient",
  },

  LedgerEntry: { class: "ledger" },
  LedgerBlock: { class: "ledger" },
  LedgerTile: {
    class: "ledger",
    update: ["width", "hashes"],
    why: "the right-edge partial tile grows in place at each seal (lib/ledger/seal/seal-batch.ts ON CONFLICT DO UPDATE); the trigger refuses anything but growth",
  },

  LedgerQueue: {
    class: "queue",
    delete: true,
    maintain: true,
    why: "the sequencer deletes the entries it sealed in the same transaction, and vacuums the queue itself (lib/ledger/seal/sequencer.ts)",
  },

  User: {
    class: "mutable",
    update: "all",
    why: "accounts change in place: sign-in counters and TOTP step, MFA enrolment, passwords, roles, disabling, erasure of a portal account (lib/auth, lib/admin, lib/vault/decide-erasure.ts)",
  },
  Patient: {
    class: "mutable",
    update: ["wrappedKey", "kekId", "mrnIndex", "lastNameIndex", "addressIndex", "erasedAt", "deceasedAt"],
    why: "erasure destroys the key and indexes, KEK rotation rewraps the key, blind-index rehashing, a deceased flag sets deceasedAt; the pseudonym the ledger names is never rewritten",
  },
  Record: {
    class: "mutable",
    update: ["currentVersion"],
    why: "a new version moves the record's current version (lib/vault/add-record-version.ts); it is also locked FOR UPDATE, which needs UPDATE on a column",
  },
  ErasureRequest: {
    class: "mutable",
    update: ["status", "decidedAt"],
    why: "the request's workflow state; the decision itself is the append-only ErasureDecision (lib/vault/decide-erasure.ts, withdraw-erasure-request.ts)",
  },
  PrivacyAlert: {
    class: "mutable",
    update: [
      "acknowledgedAt",
      "acknowledgedById",
      "status",
      "closeReason",
      "ownerId",
      "priority",
      "updatedAt",
      "caseId",
    ],
    why: "acknowledging, triage (status, close reason, owner, priority) and escalation into a case (caseId) change the alert; each change itself is the append-only PrivacyAlertAcknowledgement, PrivacyAlertTransition or PrivacyCaseTransition (lib/monitor/acknowledge-privacy-alert.ts, lib/monitor/alerts/change-privacy-alert.ts, lib/monitor/cases/escalate-alerts-to-case.ts)",
  },
  PrivacyCase: {
    class: "mutable",
    update: [
      "state",
      "ownerId",
      "discoveredAt",
      "discoveredHow",
      "determination",
      "sanctionTier",
      "notifiedAt",
      "updatedAt",
      "wrappedKey",
      "kekId",
    ],
    why: "a case's current state changes in place (lib/monitor/cases/change-privacy-case.ts); each change itself is the append-only, anchored PrivacyCaseTransition. A KEK rotation re-wraps its data key (lib/monitor/cases/rewrap-case-keys.ts)",
  },
  VerificationJob: {
    class: "mutable",
    update: ["status", "heartbeatAt", "finishedAt", "runId"],
    why: "a running job's heartbeat and its end (lib/ledger/verify/start-verification.ts); the result is the anchored VerificationRun",
  },
  ReportBuild: {
    class: "mutable",
    update: ["status", "phase", "done", "total", "heartbeatAt", "finishedAt", "error"],
    why: "a report built in the background records its phase, counts and heartbeat, then its end (lib/reports/issue/report-build-job.ts); the report itself is the anchored IssuedReport",
  },
  PatientIdentityIndex: {
    class: "mutable",
    delete: true,
    why: "erasure deletes a patient's contact and prior-address blind indexes (lib/vault/decide-erasure.ts)",
  },
  Department: { class: "mutable" },
  WitnessStatus: {
    class: "mutable",
    update: "all",
    why: "each push to a witness updates its row in place: the size it cosigned, the last attempt and error (lib/ledger/witness/witness-status.ts)",
  },

  MonitorWatermark: {
    class: "derived",
    update: ["ledgerIndex", "updatedAt"],
    why: "each monitoring consumer moves its watermark in the transaction that writes its output (lib/monitor/watermark/advance-consumer.ts)",
  },
  AccessHourlyRollup: {
    class: "derived",
    update: ["events"],
    delete: true,
    why: "counts are added by upsert (lib/monitor/rollups/rollup-consumer.ts); monitor backfill --from-scratch empties them with the watermark reset (lib/monitor/backfill-monitor.ts)",
  },
  ActorHourlyRollup: {
    class: "derived",
    update: ["events", "denied"],
    delete: true,
    why: "counts are added by upsert (lib/monitor/rollups/rollup-consumer.ts); monitor backfill --from-scratch empties them with the watermark reset (lib/monitor/backfill-monitor.ts)",
  },
  ActorPatientDailyRollup: {
    class: "derived",
    update: ["events", "denied", "firstAt", "lastAt"],
    delete: true,
    why: "counts and first/last times are merged by upsert (lib/monitor/rollups/rollup-consumer.ts); monitor backfill --from-scratch empties it with the watermark reset (lib/monitor/backfill-monitor.ts)",
  },

  RateLimitBucket: {
    class: "counter",
    update: ["windowStart", "count"],
    delete: true,
    why: "fixed-window counters are upserted and refunded, expired ones deleted (lib/auth/rate-limit.ts)",
  },
  SignInFailureTally: {
    class: "counter",
    update: ["count"],
    delete: true,
    why: "counted by upsert, deleted when its minute becomes an anchored access event (lib/auth/unknown-account-failures.ts)",
  },

  _prisma_migrations: { class: "migrations" },
} as const satisfies Record<string, TTablePrivileges>;

export type TTableName = keyof typeof TABLE_PRIVILEGES;
