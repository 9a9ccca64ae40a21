// From what was measured to what an operator is told: a pure decision (decide-health.test.ts has
// its table). The thresholds are where a person should look, not where a target is missed: a leaf
// is sealed within 1 s at p99 (DESIGN.md §3), so half a minute means the sequencer is stuck.
import type { TRollbackCheck } from "@/lib/ledger/rollback/decide-rollback";
import type { TWitnessView } from "@/lib/ledger/witness/witness-status";
import { replicaCheck, type TReplicaReading } from "./decide-replica";
import {
  HEALTH_FORMAT,
  type TCheckStatus,
  type THealth,
  type TMonitorHealth,
  type TRollbackGuardHealth,
  type TSequencerHealth,
  type TVerificationHealth,
  type TWitnessesHealth,
} from "./health.types";

/** The oldest unsealed leaf older than this: the sequencer is behind. */
export const SEQUENCER_BEHIND_SECONDS = 30;
/** A witness that has not cosigned for this long while the log grew is behind. */
export const WITNESS_BEHIND_SECONDS = 300;
/**
 * A sealed leaf no monitor consumer has read for this long: the monitor is behind or not running
 * (a leaf reaches the alerts in about a second when healthy; a burst may hold it back a minute).
 */
export const MONITOR_BEHIND_SECONDS = 300;

export type TReading<T> = { ok: true; value: T } | { ok: false; error: "timeout" | "failed" };

export type TSequencerReading = {
  pendingLeaves: number;
  oldestPendingAt: Date | null;
  lastSealAt: Date | null;
  treeSize: number;
  sequencers: { pid: number; connectedAt: Date | null }[];
  lockHolder: { pid: number; since: Date | null } | null;
};

export type TVerificationReading = {
  lastRun: {
    mode: string;
    startedAt: Date;
    finishedAt: Date;
    ok: boolean;
    treeSize: number;
    findingCount: number;
  } | null;
  runningSince: Date | null;
};

export type TWitnessesReading = { quorum: number; witnesses: TWitnessView[] };

export type TMonitorReading = {
  treeSize: number;
  consumers: { name: string; watermark: number | null; oldestUnreadSealedAt: Date | null }[];
};

export type THealthReadings = {
  now: Date;
  tookMs: number;
  database: TReading<{ latencyMs: number }>;
  sequencer: TReading<TSequencerReading>;
  verification: TReading<TVerificationReading>;
  witnesses: TReading<TWitnessesReading>;
  rollbackGuard: TReading<TRollbackCheck>;
  monitor: TReading<TMonitorReading>;
  /** Only with DATABASE_REPLICA_URL: the replica's replay, and the lag past which it is degraded. */
  replica?: { reading: TReading<TReplicaReading>; degradedSeconds: number };
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const ageSeconds = (now: Date, d: Date | null) =>
  d ? Math.max(0, Math.round((now.getTime() - d.getTime()) / 100) / 10) : null;

function notRead(error: "timeout" | "failed", databaseUp: boolean): { status: TCheckStatus; message: string } {
  if (!databaseUp) return { status: "unknown", message: "Not checked: the database is unavailable." };
  return {
    status: "unknown",
    message: error === "timeout" ? "Not checked: it did not answer in time." : "Not checked: reading it failed.",
  };
}

function sequencerCheck(r: THealthReadings, up: boolean): TSequencerHealth {
  const empty = {
    pendingLeaves: null,
    oldestPendingAgeSeconds: null,
    lastSealAt: null,
    lastSealAgeSeconds: null,
    treeSize: null,
    sequencers: null,
    lockHolder: null,
  };
  if (!r.sequencer.ok) return { ...notRead(r.sequencer.error, up), ...empty };
  const s = r.sequencer.value;
  const oldest = ageSeconds(r.now, s.oldestPendingAt);
  const fields = {
    pendingLeaves: s.pendingLeaves,
    oldestPendingAgeSeconds: oldest,
    lastSealAt: iso(s.lastSealAt),
    lastSealAgeSeconds: ageSeconds(r.now, s.lastSealAt),
    treeSize: s.treeSize,
    sequencers: s.sequencers.map((q) => ({ pid: q.pid, connectedAt: iso(q.connectedAt) })),
    lockHolder: s.lockHolder ? { pid: s.lockHolder.pid, since: iso(s.lockHolder.since) } : null,
  };
  if (oldest !== null && oldest > SEQUENCER_BEHIND_SECONDS)
    return {
      status: "degraded",
      message: `The sequencer is behind: ${s.pendingLeaves} leaves wait, the oldest for ${Math.round(oldest)} s (sealed within 1 s when healthy).`,
      ...fields,
    };
  if (s.sequencers.length === 0)
    return {
      status: "degraded",
      message: "No app instance is connected to seal the ledger: new entries will wait until one is.",
      ...fields,
    };
  return { status: "ok", message: `${s.pendingLeaves} leaves wait to be sealed.`, ...fields };
}

function verificationCheck(r: THealthReadings, up: boolean): TVerificationHealth {
  if (!r.verification.ok) return { ...notRead(r.verification.error, up), lastRun: null, runningSince: null };
  const { lastRun, runningSince } = r.verification.value;
  const run = lastRun && {
    ...lastRun,
    startedAt: lastRun.startedAt.toISOString(),
    finishedAt: lastRun.finishedAt.toISOString(),
  };
  const base = { lastRun: run, runningSince: iso(runningSince) };
  if (!lastRun) return { status: "ok", message: "No verification has run yet.", ...base };
  if (!lastRun.ok)
    return {
      status: "degraded",
      message: `The last verification found ${lastRun.findingCount} problems in the ledger: see the audit-evidence page.`,
      ...base,
    };
  return { status: "ok", message: `The last verification (${lastRun.mode}) found the ledger intact.`, ...base };
}

function witnessesCheck(r: THealthReadings, up: boolean): TWitnessesHealth {
  if (!r.witnesses.ok) return { ...notRead(r.witnesses.error, up), quorum: null, witnesses: [] };
  const { quorum, witnesses } = r.witnesses.value;
  const items = witnesses.map((w) => ({
    name: w.name,
    cosignedTreeSize: w.cosignedTreeSize,
    cosignedAt: iso(w.cosignedAt),
    lag: w.lag,
    lastError: w.lastError,
    lastErrorAt: iso(w.lastErrorAt),
    failures: w.failures,
  }));
  if (witnesses.length === 0)
    return { status: "ok", message: "No witnesses are configured.", quorum, witnesses: items };
  const behind = (w: TWitnessView) =>
    w.lag > 0 && (w.cosignedAt === null || (ageSeconds(r.now, w.cosignedAt) ?? 0) > WITNESS_BEHIND_SECONDS);
  const failing = witnesses.filter((w) => w.failures > 0 || behind(w));
  if (failing.length === 0)
    return { status: "ok", message: "Every witness cosigns the log.", quorum, witnesses: items };
  const names = failing.map((w) => w.name).join(", ");
  const short = witnesses.length - failing.length < quorum;
  return {
    status: "degraded",
    message: short
      ? `Too few witnesses cosign (${witnesses.length - failing.length} of the ${quorum} needed; failing: ${names}): new checkpoints are not cosigned by the quorum.`
      : `Some witnesses fail to cosign (${names}); the quorum of ${quorum} still holds.`,
    quorum,
    witnesses: items,
  };
}

function rollbackCheck(r: THealthReadings, up: boolean): TRollbackGuardHealth {
  if (!r.rollbackGuard.ok)
    return { ...notRead(r.rollbackGuard.error, up), state: null, treeSize: null, issuedTreeSize: null };
  const c = r.rollbackGuard.value;
  const fields = { state: c.state, treeSize: c.treeSize, issuedTreeSize: c.issuedTreeSize };
  if (c.ok) return { status: "ok", message: "The ledger head is trusted.", ...fields };
  return {
    status: "down",
    message: `Patient data is refused: the rollback guard is closed (${c.state}: ${c.reason}). An administrator must reconcile (docs/rollback.md).`,
    ...fields,
  };
}

function monitorCheck(r: THealthReadings, up: boolean): TMonitorHealth {
  if (!r.monitor.ok) return { ...notRead(r.monitor.error, up), consumers: [] };
  const { treeSize } = r.monitor.value;
  const consumers = r.monitor.value.consumers.map((c) => ({
    name: c.name,
    watermark: c.watermark,
    leavesBehind: Math.max(0, treeSize - 1 - (c.watermark ?? -1)),
    oldestUnreadSealedAt: iso(c.oldestUnreadSealedAt),
    oldestUnreadAgeSeconds: ageSeconds(r.now, c.oldestUnreadSealedAt),
  }));
  const late = consumers.filter((c) => (c.oldestUnreadAgeSeconds ?? 0) > MONITOR_BEHIND_SECONDS);
  if (late.length > 0) {
    const worst = late.reduce((a, b) => ((b.oldestUnreadAgeSeconds ?? 0) > (a.oldestUnreadAgeSeconds ?? 0) ? b : a));
    return {
      status: "degraded",
      message: `The monitor is behind: ${late.map((c) => `${c.name} has ${c.leavesBehind} sealed leaves unread`).join(", ")}, the oldest sealed ${Math.round(worst.oldestUnreadAgeSeconds!)} s ago. Alerts wait until it catches up: is an instance running with HL_MONITOR=on, or \`healthledger monitor follow\`?`,
      consumers,
    };
  }
  const behind = Math.max(0, ...consumers.map((c) => c.leavesBehind));
  return {
    status: "ok",
    message:
      behind === 0 ? "The monitor has read every sealed leaf." : `The monitor is ${behind} sealed leaves behind.`,
    consumers,
  };
}

export function decideHealth(r: THealthReadings): THealth {
  const up = r.database.ok;
  const database = r.database.ok
    ? { status: "ok" as const, message: "The database answers.", latencyMs: r.database.value.latencyMs }
    : {
        status: "down" as const,
        message:
          r.database.error === "timeout"
            ? "The database did not answer in time."
            : "The database cannot be reached (down, restarting or refusing connections).",
        latencyMs: null,
      };
  const checks = {
    database,
    sequencer: sequencerCheck(r, up),
    verification: verificationCheck(r, up),
    witnesses: witnessesCheck(r, up),
    rollbackGuard: rollbackCheck(r, up),
    monitor: monitorCheck(r, up),
    ...(r.replica ? { replica: replicaCheck(r.replica.reading, r.replica.degradedSeconds) } : {}),
  };
  const statuses = Object.values(checks).map((c) => c.status);
  const status = statuses.includes("down")
    ? "down"
    : statuses.some((s) => s === "degraded" || s === "unknown")
      ? "degraded"
      : "ok";
  return { format: HEALTH_FORMAT, status, checkedAt: r.now.toISOString(), tookMs: r.tookMs, checks };
}
