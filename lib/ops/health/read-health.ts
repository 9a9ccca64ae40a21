import "server-only";
// Gathers what GET /api/health reports, in bounded time whatever the database does: every reading
// races a deadline, and the whole is computed at most once per CACHE_MS and shared (single-flight),
// so a monitor polling every second, or many at once, costs one set of small queries, and a hung
// database holds at most this pool's three connections (the five small readings share them),
// never the app's.
import { replicaDatabaseUrl, requireDatabaseUrl, runtimeEnv } from "@/lib/config/runtime-env";
import { createLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import { checkRollback } from "@/lib/ledger/rollback/rollback-guard";
import { SEALER_APPLICATION_NAME } from "@/lib/ledger/seal/sequencer";
import { SEQUENCER_LOCK_KEY } from "@/lib/ledger/seal/seal-batch";
import { listWitnessStatus } from "@/lib/ledger/witness/witness-status";
import { MONITOR_CONSUMERS } from "@/lib/monitor/consumers";
import {
  decideHealth,
  type TMonitorReading,
  type TReading,
  type TSequencerReading,
  type TVerificationReading,
} from "./decide-health";
import type { TReplicaReading } from "./decide-replica";
import type { THealth } from "./health.types";

/** Each reading's deadline; the endpoint answers within about this (monitors often time out at 5–10 s). */
export const HEALTH_READ_TIMEOUT_MS = 2_000;
const CACHE_MS = 1_000;
/** Counting a queue that grew past this would itself be slow; the sentence says "at least". */
export const PENDING_COUNT_CAP = 1_000_000;

const POOL_OPTIONS = {
  connectionTimeoutMillis: HEALTH_READ_TIMEOUT_MS,
  statement_timeout: HEALTH_READ_TIMEOUT_MS,
  application_name: "healthledger-health",
};

const g = globalThis as unknown as {
  __hlHealthPool?: LedgerPool;
  __hlReplicaHealth?: { url: string; pool: LedgerPool };
};
function healthPool(): LedgerPool {
  g.__hlHealthPool ??= createLedgerPool(requireDatabaseUrl(), 3, POOL_OPTIONS);
  return g.__hlHealthPool;
}

/** A pool of its own on the replica: one that hangs holds these two connections, no reader's. */
function replicaHealthPool(url: string): LedgerPool {
  if (g.__hlReplicaHealth?.url !== url) {
    void g.__hlReplicaHealth?.pool.end().catch(() => {});
    g.__hlReplicaHealth = { url, pool: createLedgerPool(url, 2, POOL_OPTIONS) };
  }
  return g.__hlReplicaHealth.pool;
}

async function within<T>(ms: number, read: () => Promise<T>): Promise<TReading<T>> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<TReading<T>>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, error: "timeout" }), ms);
  });
  const result = read().then(
    (value): TReading<T> => ({ ok: true, value }),
    (): TReading<T> => ({ ok: false, error: "failed" }),
  );
  try {
    return await Promise.race([result, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function readSequencer(pool: LedgerPool): Promise<TSequencerReading> {
  // The lock is taken with pg_try_advisory_xact_lock(bigint): pg_locks shows a bigint key as
  // classid (high 32 bits), objid (low 32 bits), objsubid 1.
  const { rows } = await pool.query(
    `SELECT (SELECT count(*) FROM (SELECT 1 FROM "LedgerQueue" LIMIT $1) q)::int AS pending,
            (SELECT "recordedAt" FROM "LedgerQueue" ORDER BY id LIMIT 1) AS oldest,
            b."sealedAt", b."treeSize",
            (SELECT coalesce(json_agg(json_build_object('pid', pid, 'connectedAt', backend_start) ORDER BY backend_start), '[]')
               FROM pg_stat_activity WHERE datname = current_database() AND application_name = $2) AS sequencers,
            (SELECT json_build_object('pid', a.pid, 'since', a.xact_start)
               FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
              WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                AND l.classid = 0 AND l.objid = $3::bigint::oid AND l.objsubid = 1 LIMIT 1) AS holder
       FROM (SELECT 1) one LEFT JOIN LATERAL
            (SELECT "sealedAt", "treeSize" FROM "LedgerBlock" ORDER BY height DESC LIMIT 1) b ON true`,
    [PENDING_COUNT_CAP, SEALER_APPLICATION_NAME, SEQUENCER_LOCK_KEY],
  );
  const r = rows[0];
  const date = (v: unknown) => (v ? new Date(v as string) : null);
  return {
    pendingLeaves: r.pending,
    oldestPendingAt: r.oldest,
    lastSealAt: r.sealedAt ?? null,
    treeSize: r.treeSize === null ? 0 : Number(r.treeSize),
    sequencers: (r.sequencers as { pid: number; connectedAt: string | null }[]).map((s) => ({
      pid: s.pid,
      connectedAt: date(s.connectedAt),
    })),
    lockHolder: r.holder ? { pid: r.holder.pid, since: date(r.holder.since) } : null,
  };
}

async function readVerification(pool: LedgerPool): Promise<TVerificationReading> {
  const { rows } = await pool.query(
    `SELECT (SELECT row_to_json(v) FROM (SELECT mode, "startedAt", "finishedAt", ok, "treeSize", "findingCount"
               FROM "VerificationRun" ORDER BY "startedAt" DESC LIMIT 1) v) AS run,
            (SELECT min("startedAt") FROM "VerificationJob" WHERE status = 'running') AS running`,
  );
  const run = rows[0].run;
  // row_to_json writes `timestamp` columns without a zone; Prisma stores them as UTC.
  const utc = (v: string) => new Date(/Z|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`);
  return {
    lastRun: run && {
      mode: run.mode,
      startedAt: utc(run.startedAt),
      finishedAt: utc(run.finishedAt),
      ok: run.ok,
      treeSize: Number(run.treeSize),
      findingCount: run.findingCount,
    },
    runningSince: rows[0].running ?? null,
  };
}

/**
 * Each consumer's watermark and when the first leaf past it was sealed: the first block whose tree
 * holds that leaf (LedgerBlock's unique treeSize index, one probe each).
 */
async function readMonitor(pool: LedgerPool): Promise<TMonitorReading> {
  const { rows } = await pool.query(
    `SELECT v.consumer AS name, w."ledgerIndex"::text AS watermark, t."treeSize"::text AS "treeSize",
            (SELECT b."sealedAt" FROM "LedgerBlock" b
              WHERE b."treeSize" > coalesce(w."ledgerIndex", -1) + 1 ORDER BY b."treeSize" LIMIT 1) AS "oldestUnreadSealedAt"
       FROM unnest($1::text[]) WITH ORDINALITY AS v(consumer, i)
       LEFT JOIN "MonitorWatermark" w ON w.consumer = v.consumer
      CROSS JOIN (SELECT coalesce(max("treeSize"), 0) AS "treeSize" FROM "LedgerBlock") t
      ORDER BY v.i`,
    [MONITOR_CONSUMERS.map((c) => c.name)],
  );
  return {
    treeSize: Number(rows[0]?.treeSize ?? 0),
    consumers: rows.map((r) => ({
      name: r.name,
      watermark: r.watermark === null ? null : Number(r.watermark),
      oldestUnreadSealedAt: r.oldestUnreadSealedAt ?? null,
    })),
  };
}

/**
 * The primary's WAL position first, then the replica's replay against it: a replica that replays
 * meanwhile is judged by a position it has already passed, never by one it could not know yet.
 * The primary being down leaves the bytes unknown, not the replica unread.
 */
async function readReplica(primary: LedgerPool, replica: LedgerPool): Promise<TReplicaReading> {
  // Half the deadline at most, so a primary that hangs leaves time to read the replica.
  const lsn = await within(HEALTH_READ_TIMEOUT_MS / 2, async () => {
    const { rows } = await primary.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn");
    return rows[0].lsn;
  });
  const primaryLsn = lsn.ok ? lsn.value : null;
  const t = performance.now();
  const { rows } = await replica.query(
    `SELECT pg_is_in_recovery() AS "inRecovery",
            CASE WHEN pg_is_in_recovery() THEN pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn())::float8 END AS behind,
            pg_last_xact_replay_timestamp() AS "lastReplayAt", now() AS "replicaNow",
            CASE WHEN pg_is_in_recovery() THEN pg_is_wal_replay_paused() ELSE false END AS paused`,
    [primaryLsn],
  );
  const r = rows[0];
  return {
    inRecovery: r.inRecovery,
    behindBytes: r.behind === null ? null : Number(r.behind),
    lastReplayAt: r.lastReplayAt ?? null,
    replicaNow: r.replicaNow,
    replayPaused: r.paused,
    latencyMs: Math.round((performance.now() - t) * 10) / 10,
  };
}

async function measure(pool: LedgerPool = healthPool(), replicaPool?: LedgerPool): Promise<THealth> {
  const started = performance.now();
  // All at once, so the answer comes within one deadline; with the database down the others fail
  // with it and are reported as not checked.
  const read = <T>(fn: () => Promise<T>) => within(HEALTH_READ_TIMEOUT_MS, fn);
  const replicaReading = replicaPool ? read(() => readReplica(pool, replicaPool)) : undefined;
  const [database, sequencer, verification, witnesses, rollbackGuard, monitor] = await Promise.all([
    read(async () => {
      const t = performance.now();
      await pool.query("SELECT 1");
      return { latencyMs: Math.round((performance.now() - t) * 10) / 10 };
    }),
    read(() => readSequencer(pool)),
    read(() => readVerification(pool)),
    read(() => listWitnessStatus({ pool })),
    read(() => checkRollback(pool)),
    read(() => readMonitor(pool)),
  ]);
  // Beside the others, so the answer still comes within about one deadline.
  const replica = replicaReading && {
    reading: await replicaReading,
    degradedSeconds: runtimeEnv().HL_REPLICA_LAG_DEGRADED_SECONDS,
  };
  return decideHealth({
    now: new Date(),
    tookMs: Math.round(performance.now() - started),
    database,
    sequencer,
    verification,
    witnesses,
    rollbackGuard,
    monitor,
    replica,
  });
}

let last: { at: number; health: Promise<THealth> } | null = null;

/** The service's health, measured at most once a second and shared by every caller meanwhile. */
export function readHealth(
  options: { pool?: LedgerPool; replicaPool?: LedgerPool; fresh?: boolean } = {},
): Promise<THealth> {
  if (options.pool) return measure(options.pool, options.replicaPool);
  const now = Date.now();
  if (!options.fresh && last && now - last.at < CACHE_MS) return last.health;
  const url = replicaDatabaseUrl();
  const health = measure(healthPool(), url ? replicaHealthPool(url) : undefined);
  last = { at: now, health };
  return health;
}
