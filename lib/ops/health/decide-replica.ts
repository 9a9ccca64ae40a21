// The replica line of /api/health (DATABASE_REPLICA_URL): how far the streaming replica's replay is
// behind the primary, from the replica's own replay position and last replayed commit
// (pg_last_wal_replay_lsn, pg_last_xact_replay_timestamp) measured against the primary's WAL
// position read just before. The app's role may call these; the primary's pg_stat_replication
// hides its lag columns from a role without pg_read_all_stats, so it is not used.
import type { TReading } from "./decide-health";
import type { TReplicaHealth } from "./health.types";

export type TReplicaReading = {
  /** pg_is_in_recovery() on the replica: false when it is a primary (promoted, or a wrong URL). */
  inRecovery: boolean;
  /** Bytes of WAL the primary had written that the replica has not replayed; null if the primary was not read. */
  behindBytes: number | null;
  /** The commit time of the last transaction the replica replayed (null before its first). */
  lastReplayAt: Date | null;
  /** The replica's clock when it was read. */
  replicaNow: Date;
  replayPaused: boolean;
  latencyMs: number;
};

const seconds = (ms: number) => Math.max(0, Math.round(ms / 100) / 10);

/**
 * Replay lag in seconds (none for a server that replays nothing): 0 when the replica has replayed all the primary had written; otherwise the
 * age of its last replayed commit, which is how old the newest row its readers can see may be.
 */
export function replayLagSeconds(r: TReplicaReading): number | null {
  if (!r.inRecovery) return null;
  if (r.behindBytes !== null && r.behindBytes <= 0) return 0;
  if (!r.lastReplayAt) return null;
  return seconds(r.replicaNow.getTime() - r.lastReplayAt.getTime());
}

export function replicaCheck(reading: TReading<TReplicaReading>, degradedSeconds: number): TReplicaHealth {
  const empty = {
    reachable: false,
    replayLagSeconds: null,
    replayLagBytes: null,
    lastReplayAt: null,
    replayPaused: null,
  };
  if (!reading.ok)
    return {
      status: "degraded",
      message:
        reading.error === "timeout"
          ? "The read replica did not answer in time: dashboards, the explorer, reports and proofs read from it."
          : "The read replica cannot be reached: dashboards, the explorer, reports and proofs read from it.",
      latencyMs: null,
      degradedAfterSeconds: degradedSeconds,
      ...empty,
    };
  const r = reading.value;
  const lag = replayLagSeconds(r);
  const fields = {
    reachable: true,
    latencyMs: r.latencyMs,
    replayLagSeconds: lag,
    replayLagBytes: r.behindBytes === null ? null : Math.max(0, r.behindBytes),
    lastReplayAt: r.lastReplayAt ? r.lastReplayAt.toISOString() : null,
    replayPaused: r.inRecovery ? r.replayPaused : null,
    degradedAfterSeconds: degradedSeconds,
  };
  if (!r.inRecovery)
    return {
      status: "degraded",
      message:
        "DATABASE_REPLICA_URL reaches a server that is not a standby (promoted, or the wrong address): its rows may differ from the primary's.",
      ...fields,
    };
  const bytes = fields.replayLagBytes === null ? "" : ` (${fields.replayLagBytes} bytes of WAL)`;
  if (lag !== null && lag > degradedSeconds)
    return {
      status: "degraded",
      message: `The read replica is ${Math.round(lag)} s behind the primary${bytes}${r.replayPaused ? ", its replay paused" : ""}: dashboards and the explorer show data that old.`,
      ...fields,
    };
  if (r.replayPaused) return { status: "degraded", message: `The read replica's replay is paused${bytes}.`, ...fields };
  return {
    status: "ok",
    message:
      lag === null
        ? "The read replica answers; it has replayed no transaction yet."
        : `The read replica is ${lag} s behind the primary${bytes}.`,
    ...fields,
  };
}
