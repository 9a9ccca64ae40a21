// The body of GET /api/health (docs/operations.md#health). Read by uptime monitors without signing
// in, so it carries counts, sizes, times and fixed sentences only: never PHI, never a row of
// patient data, a host name or a statement. Changing a field's meaning breaks the monitors that
// parse it: add fields, do not repurpose them (format names the version).

export const HEALTH_FORMAT = "healthledger.health/v1";

/** ok: nothing to do. degraded: serving, but someone should look. down: not serving (503). unknown: not measured (timeout or the database is down). */
export type TCheckStatus = "ok" | "degraded" | "down" | "unknown";

type TCheck = { status: TCheckStatus; message: string };

export type TDatabaseHealth = TCheck & { latencyMs: number | null };

export type TSequencerHealth = TCheck & {
  /** Leaves committed but not yet sealed into a block (counted up to PENDING_COUNT_CAP). */
  pendingLeaves: number | null;
  /** Seconds since the oldest unsealed leaf was enqueued; null with nothing pending. */
  oldestPendingAgeSeconds: number | null;
  lastSealAt: string | null;
  lastSealAgeSeconds: number | null;
  treeSize: number | null;
  /** Connections sealing for an app instance (application_name healthledger-sequencer): one per running sequencer. */
  sequencers: { pid: number; connectedAt: string | null }[] | null;
  /** The backend holding the sequencer's advisory lock right now (it is held only while a batch is sealed). */
  lockHolder: { pid: number; since: string | null } | null;
};

export type TVerificationHealth = TCheck & {
  lastRun: {
    mode: string;
    startedAt: string;
    finishedAt: string;
    ok: boolean;
    treeSize: number;
    findingCount: number;
  } | null;
  /** Start of a full verification running now, on any instance. */
  runningSince: string | null;
};

export type TWitnessHealth = {
  name: string;
  cosignedTreeSize: number | null;
  cosignedAt: string | null;
  /** Log entries sealed since the checkpoint it last cosigned. */
  lag: number;
  lastError: string | null;
  lastErrorAt: string | null;
  failures: number;
};

export type TWitnessesHealth = TCheck & { quorum: number | null; witnesses: TWitnessHealth[] };

export type TRollbackGuardHealth = TCheck & {
  /** lib/ledger/rollback/decide-rollback.ts: empty | trusted | untrusted | behind | diverged | store_error. */
  state: string | null;
  treeSize: number | null;
  issuedTreeSize: number | null;
};

export type TMonitorConsumerHealth = {
  /** The consumer (rollups, then the rules), in the order they read. */
  name: string;
  /** The last leaf it read; null before its first step. */
  watermark: number | null;
  /** Sealed leaves it has not read yet. */
  leavesBehind: number;
  /** When the oldest of those was sealed; null with none. */
  oldestUnreadSealedAt: string | null;
  oldestUnreadAgeSeconds: number | null;
};

/** The monitor behind the ledger: in the app (HL_MONITOR=on) or `healthledger monitor follow`. */
export type TMonitorHealth = TCheck & { consumers: TMonitorConsumerHealth[] };

/** Only with DATABASE_REPLICA_URL. */
export type TReplicaHealth = TCheck & {
  reachable: boolean;
  latencyMs: number | null;
  /** Seconds the replica's replay is behind: 0 when it has replayed all the primary had written, else the age of its last replayed commit. */
  replayLagSeconds: number | null;
  /** Bytes of WAL the primary had written and the replica had not replayed; null when the primary could not be read. */
  replayLagBytes: number | null;
  /** Commit time of the last transaction the replica replayed. */
  lastReplayAt: string | null;
  replayPaused: boolean | null;
  /** HL_REPLICA_LAG_DEGRADED_SECONDS: past this lag the check (and the service) is degraded. */
  degradedAfterSeconds: number;
};

export type THealth = {
  format: typeof HEALTH_FORMAT;
  status: Exclude<TCheckStatus, "unknown">;
  checkedAt: string;
  /** How long gathering took, in ms. */
  tookMs: number;
  checks: {
    database: TDatabaseHealth;
    sequencer: TSequencerHealth;
    verification: TVerificationHealth;
    witnesses: TWitnessesHealth;
    rollbackGuard: TRollbackGuardHealth;
    monitor: TMonitorHealth;
    /** Present only when a read replica is configured (DATABASE_REPLICA_URL). */
    replica?: TReplicaHealth;
  };
};
