// Reads from a streaming replica (DATABASE_REPLICA_URL): a real primary and a hot standby of the
// embedded PostgreSQL, seeded by a base backup and kept up by PostgreSQL's own physical
// replication (test/streaming-standby.ts). The read clients the pages and APIs use are served by
// the standby (pg_is_in_recovery() on their own connections), answer what the primary answers,
// within a bounded lag; writes and the sequencer stay on the primary, and a proof for a tree the
// standby has not replayed yet comes from the primary.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runtimeEnv } from "@/lib/config/runtime-env";
import { getPrisma } from "@/lib/db/prisma";
import { getReadPrisma } from "@/lib/db/read-client";
import { getLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import { getLedgerReadPool, ledgerReadPoolAt, readWithPrimaryFallback } from "@/lib/ledger/ledger-read-pool";
import { getInclusionProof, getInclusionProofForRow } from "@/lib/ledger/proofs/get-inclusion-proof";
import { getConsistencyProof } from "@/lib/ledger/proofs/get-consistency-proof";
import { readLatestBlock } from "@/lib/ledger/read-ledger-state";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { appendAccessEvents } from "@/lib/ledger/testing/ledger-fixtures";
import { listAccessEvents } from "@/lib/monitor/explorer/list-access-events";
import { parseExplorerFilters } from "@/lib/monitor/explorer/explorer-filters";
import { readHealth } from "@/lib/ops/health/read-health";
import pg from "pg";
import { installAppDatabase, type TAppDatabase } from "../app-database";
import { embeddedPostgres, startCluster, type TPgCluster } from "../pg-cluster";
import { startStreamingStandby, type TStandby } from "../streaming-standby";

let primary: TPgCluster;
let standby: TStandby;
let app: TAppDatabase;
/** The standby's superuser connection, to pause and resume its replay. */
let standbyAdmin: pg.Client;

const onPort = (url: string, port: number) => {
  const u = new URL(url);
  u.port = String(port);
  return u.toString();
};

async function servedBy(pool: LedgerPool) {
  const { rows } = await pool.query(`SELECT pg_is_in_recovery() AS standby, inet_server_port() AS port`);
  return { standby: rows[0].standby as boolean, port: Number(rows[0].port) };
}

/** Milliseconds until the standby's ledger reaches the primary's latest block. */
async function replicationLagMs(): Promise<number> {
  const want = (await readLatestBlock(getLedgerPool()))!.height;
  const start = performance.now();
  for (;;) {
    const got = (await readLatestBlock(getLedgerReadPool()))?.height ?? -1;
    if (got >= want) return performance.now() - start;
    if (performance.now() - start > 10_000) throw new Error(`the standby stayed at block ${got}, not ${want}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

beforeAll(async () => {
  const bin = embeddedPostgres();
  const base = runtimeEnv().HL_TEST_PG_PORT + 31;
  primary = await startCluster({ bin, port: base, settings: { wal_level: "replica", max_wal_senders: "4" } });
  app = await installAppDatabase(primary);
  process.env.DATABASE_URL = app.appUrl;
  await appendAccessEvents(getLedgerPool(), 200);
  standby = await startStreamingStandby(primary, base + 1);
  process.env.DATABASE_REPLICA_URL = onPort(app.appUrl, standby.port);
  standbyAdmin = new pg.Client({ connectionString: standby.url() });
  await standbyAdmin.connect();
  await sealPending({ pool: getLedgerPool() });
}, 120_000);

afterAll(async () => {
  await standbyAdmin?.end();
  await getReadPrisma().$disconnect();
  await getPrisma().$disconnect();
  await getLedgerReadPool().end();
  await getLedgerPool().end();
  await standby?.stop();
  await primary?.stop();
});

describe("reads from a streaming replica (DATABASE_REPLICA_URL)", () => {
  it("streams from the primary, and the read clients are served by the standby while writes stay on the primary", async () => {
    const admin = new pg.Client({ connectionString: primary.url() });
    await admin.connect();
    const { rows } = await admin.query(`SELECT application_name, state FROM pg_stat_replication`);
    await admin.end();
    expect(rows).toEqual([{ application_name: standby.slot, state: "streaming" }]);
    expect(await servedBy(getLedgerReadPool())).toEqual({ standby: true, port: standby.port });
    expect(await servedBy(getLedgerPool())).toEqual({ standby: false, port: primary.port });
    const prismaServer = await getReadPrisma().$queryRaw<{ standby: boolean }[]>`SELECT pg_is_in_recovery() AS standby`;
    expect(prismaServer).toEqual([{ standby: true }]);
    // A write sent to the read client by mistake is refused by the standby, never applied anywhere.
    await expect(
      getReadPrisma().department.create({ data: { name: "read-only", timeZone: "UTC", shifts: [] } }),
    ).rejects.toThrow(/read-only transaction/);
  });

  it("answers explorer pages and proofs as the primary does, within a bounded lag", async () => {
    const lags: number[] = [];
    for (let round = 0; round < 10; round++) {
      await appendAccessEvents(getLedgerPool(), 50, 1_000 + round * 50);
      await sealPending({ pool: getLedgerPool() });
      lags.push(await replicationLagMs());
    }
    lags.sort((a, b) => a - b);
    console.log(`standby caught up with each seal in ${lags.map((l) => l.toFixed(0)).join(", ")} ms`);
    // Milliseconds here (the figures above); the bound leaves room for a machine busy with other suites.
    expect(lags.at(-1)!).toBeLessThan(5_000);

    const filters = parseExplorerFilters(new URLSearchParams({ limit: "100" }));
    const fromStandby = await listAccessEvents(getReadPrisma(), filters);
    expect(fromStandby.rows.length).toBe(100);
    expect(fromStandby).toEqual(await listAccessEvents(getPrisma(), filters));

    const head = (await readLatestBlock(getLedgerPool()))!;
    const pool = await ledgerReadPoolAt({ treeSize: head.treeSize });
    expect(pool).toBe(getLedgerReadPool());
    const proof = await getInclusionProof({ pool, index: 123, treeSize: head.treeSize });
    expect(proof).toEqual(await getInclusionProof({ pool: getLedgerPool(), index: 123, treeSize: head.treeSize }));
    expect(proof.head.rootHash).toEqual(head.rootHash);
    expect(await getConsistencyProof({ pool, oldSize: 200 })).toEqual(
      await getConsistencyProof({ pool: getLedgerPool(), oldSize: 200, newSize: head.treeSize }),
    );
  });

  it("gets from the primary what the standby has not replayed yet: a newer tree, a row just sealed", async () => {
    await standbyAdmin.query("SELECT pg_wal_replay_pause()");
    try {
      const [row] = await appendAccessEvents(getLedgerPool(), 5, 90_000);
      const sealed = (await sealPending({ pool: getLedgerPool() })).lastBlock!;
      const behind = (await readLatestBlock(getLedgerReadPool()))!;
      expect(behind.treeSize).toBeLessThan(sealed.treeSize);
      expect(await ledgerReadPoolAt({ treeSize: sealed.treeSize })).toBe(getLedgerPool());
      expect(await ledgerReadPoolAt({ height: sealed.height })).toBe(getLedgerPool());
      expect(await ledgerReadPoolAt({ treeSize: behind.treeSize })).toBe(getLedgerReadPool());
      const byRow = { kind: "access_event", rowId: row.id as string };
      await expect(getInclusionProofForRow({ ...byRow, pool: getLedgerReadPool() })).rejects.toMatchObject({
        code: "not_found",
      });
      const proof = await readWithPrimaryFallback((p) => getInclusionProofForRow({ ...byRow, pool: p }));
      expect(proof.treeSize).toBe(sealed.treeSize);
    } finally {
      await standbyAdmin.query("SELECT pg_wal_replay_resume()");
    }
    expect(await replicationLagMs()).toBeLessThan(5_000);
    const head = (await readLatestBlock(getLedgerPool()))!;
    expect(await ledgerReadPoolAt({ treeSize: head.treeSize })).toBe(getLedgerReadPool());
  });

  it("reports the replica's replay lag in /api/health: none when caught up, degraded past the threshold while replay is paused", async () => {
    const health = () => readHealth({ pool: getLedgerPool(), replicaPool: getLedgerReadPool() });
    const caughtUp = await health();
    expect(caughtUp.checks.replica).toMatchObject({ status: "ok", reachable: true, replayPaused: false });
    expect(caughtUp.checks.replica!.replayLagSeconds).toBeLessThan(5);
    expect(caughtUp.checks.replica!.degradedAfterSeconds).toBe(30);
    // Host names and ports stay out of a body that anyone may read.
    expect(JSON.stringify(caughtUp)).not.toMatch(new RegExp(`127\\.0\\.0\\.1|localhost|:${standby.port}\\b`));

    process.env.HL_REPLICA_LAG_DEGRADED_SECONDS = "1";
    await standbyAdmin.query("SELECT pg_wal_replay_pause()");
    try {
      await appendAccessEvents(getLedgerPool(), 5, 95_000);
      await sealPending({ pool: getLedgerPool() });
      await new Promise((r) => setTimeout(r, 1_500));
      const behind = await health();
      // The overall status is the worst check: here the rollback guard has no issued checkpoint (down).
      expect(behind.status).not.toBe("ok");
      const r = behind.checks.replica!;
      expect(r).toMatchObject({ status: "degraded", reachable: true, replayPaused: true, degradedAfterSeconds: 1 });
      expect(r.replayLagSeconds).toBeGreaterThanOrEqual(1.5);
      expect(r.replayLagBytes).toBeGreaterThan(0);
      expect(r.message).toMatch(/behind the primary.*bytes of WAL.*paused/);
      console.log(`paused replica: ${r.replayLagSeconds} s, ${r.replayLagBytes} bytes behind, in ${behind.tookMs} ms`);
    } finally {
      await standbyAdmin.query("SELECT pg_wal_replay_resume()");
    }
    let after = await health();
    for (let i = 0; i < 100 && after.checks.replica!.replayLagSeconds !== 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      after = await health();
    }
    delete process.env.HL_REPLICA_LAG_DEGRADED_SECONDS;
    expect(after.checks.replica).toMatchObject({
      status: "ok",
      replayLagSeconds: 0,
      replayLagBytes: 0,
      replayPaused: false,
    });
  });
});
