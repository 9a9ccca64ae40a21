// Point-in-time recovery as docs/operations.md tells it: a base backup taken with pg_basebackup
// of the server's own major version, the WAL archived by archive_command, and a restore that
// replays the archive up to recovery_target_time (an older ledger: the rollback guard closes) or
// to its end (the latest ledger: trusted again, with nothing lost). On a Debian PostgreSQL cluster
// the test starts and stops itself.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runtimeEnv } from "@/lib/config/runtime-env";
import { createLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import { readLatestBlock } from "@/lib/ledger/read-ledger-state";
import { sealPendingAndRecord } from "@/lib/ledger/rollback/record-checkpoint";
import { assertNotRolledBack, checkRollback } from "@/lib/ledger/rollback/rollback-guard";
import { appendAccessEvents } from "@/lib/ledger/testing/ledger-fixtures";
import { verifyLedger } from "@/lib/ledger/verify/verify-ledger";
import { installAppDatabase, type TAppDatabase } from "../app-database";
import {
  debianPostgres,
  runAsServerUser,
  runTool,
  serverOwnedTempDir,
  startCluster,
  type TPgBinaries,
  type TPgCluster,
} from "../pg-cluster";

const bin = debianPostgres();
const port = runtimeEnv().HL_TEST_PG_PORT + 33;
let cluster: TPgCluster | null = null;
let app: TAppDatabase;
let password: string;
let store: string;
let base: string;
let archive: string;
const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "hl-pitr-state-"));
const stateFile = path.join(stateDir, "issued-checkpoints.json");
/** The directory holding the recovered data directory, removed when the next recovery (or the end) stops it. */
let recovered: string | null = null;

async function stopCluster() {
  await cluster?.stop();
  if (recovered) fs.rmSync(recovered, { recursive: true, force: true });
  recovered = null;
}

const settings = (archiveDir: string) => ({
  wal_level: "replica",
  archive_mode: "on",
  archive_command: `test ! -f ${archiveDir}/%f && cp %p ${archiveDir}/%f`,
});

async function withLedger<T>(fn: (pool: LedgerPool) => Promise<T>): Promise<T> {
  const pool = createLedgerPool(app.appUrl, 2);
  try {
    return await fn(pool);
  } finally {
    await pool.end();
  }
}

async function superuser<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: cluster!.url() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** docs/operations.md, "Point-in-time recovery": a fresh data directory from the base backup, replaying the archive. */
async function recover(b: TPgBinaries, target: string | null): Promise<void> {
  await stopCluster();
  recovered = serverOwnedTempDir("hl-pitr-data-");
  const dataDir = path.join(recovered, "data");
  await runAsServerUser("/usr/bin/mkdir", ["-m", "700", dataDir]);
  await runAsServerUser("/usr/bin/tar", ["-xzf", path.join(base, "base.tar.gz"), "-C", dataDir]);
  await runAsServerUser("/usr/bin/tar", ["-xzf", path.join(base, "pg_wal.tar.gz"), "-C", path.join(dataDir, "pg_wal")]);
  const conf = [
    `restore_command = 'cp ${archive}/%f %p'`,
    ...(target ? [`recovery_target_time = '${target}'`] : []),
    "recovery_target_action = 'promote'",
  ];
  fs.appendFileSync(path.join(dataDir, "postgresql.auto.conf"), `\n${conf.join("\n")}\n`);
  fs.writeFileSync(path.join(dataDir, "recovery.signal"), "");
  const owner = fs.statSync(dataDir);
  for (const f of ["postgresql.auto.conf", "recovery.signal"])
    fs.chownSync(path.join(dataDir, f), owner.uid, owner.gid);
  cluster = await startCluster({ bin: b, port, dataDir, password, settings: { archive_mode: "off" } });
  // Hot standby accepts connections while it replays; the restore is done once it is promoted.
  const deadline = Date.now() + 30_000;
  while (await superuser(async (c) => (await c.query("SELECT pg_is_in_recovery() AS r")).rows[0].r)) {
    if (Date.now() > deadline) throw new Error("recovery did not finish in 30 s");
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  if (!bin || !fs.existsSync(path.join(bin.dir, "pg_basebackup")))
    throw new Error("This test needs Debian's PostgreSQL and its pg_basebackup: run scripts/ensure-test-tools.sh.");
  store = serverOwnedTempDir("hl-pitr-");
  archive = path.join(store, "wal");
  base = path.join(store, "base");
  await runAsServerUser("/usr/bin/mkdir", [archive, base]);
  cluster = await startCluster({ bin, port, settings: settings(archive) });
  password = cluster.password;
  app = await installAppDatabase(cluster);
  process.env.HL_CHECKPOINT_STATE_FILE = stateFile;
  process.env.DATABASE_URL = app.appUrl;
  await withLedger(async (pool) => {
    await appendAccessEvents(pool, 300);
    await sealPendingAndRecord(pool);
  });
}, 120_000);

afterAll(async () => {
  await stopCluster();
  if (store) fs.rmSync(store, { recursive: true, force: true });
  fs.rmSync(stateDir, { recursive: true, force: true });
});

describe(`point-in-time recovery from pg_basebackup and archived WAL (Debian PostgreSQL ${bin?.major ?? "?"})`, () => {
  it("recovers to a time before the last seals (the guard closes), then to the end of the archive (trusted, nothing lost)", async () => {
    await runTool(bin!, "pg_basebackup", [
      `--pgdata=${base}`,
      "--format=tar",
      "--gzip",
      "--wal-method=stream",
      "--checkpoint=fast",
      `--dbname=${cluster!.url()}`,
    ]);
    // After the base backup: one more batch, the moment to recover to, then a last batch.
    const atTarget = await withLedger(async (pool) => {
      await appendAccessEvents(pool, 40, 10_000);
      await sealPendingAndRecord(pool);
      return (await readLatestBlock(pool))!.treeSize;
    });
    const target = await superuser(async (c) => (await c.query("SELECT clock_timestamp()::text AS t")).rows[0].t);
    await new Promise((r) => setTimeout(r, 50));
    const latest = await withLedger(async (pool) => {
      await appendAccessEvents(pool, 60, 20_000);
      await sealPendingAndRecord(pool);
      return (await readLatestBlock(pool))!.treeSize;
    });
    expect(latest).toBe(atTarget + 60);
    // The archive must hold the last segment before the server goes away.
    await superuser(async (c) => {
      const { rows } = await c.query("SELECT pg_walfile_name(pg_switch_wal()) AS f");
      const deadline = Date.now() + 20_000;
      while (!fs.existsSync(path.join(archive, rows[0].f))) {
        if (Date.now() > deadline) throw new Error(`WAL segment ${rows[0].f} was not archived in 20 s`);
        await new Promise((r) => setTimeout(r, 100));
      }
    });

    await recover(bin!, target);
    await withLedger(async (pool) => {
      expect((await readLatestBlock(pool))!.treeSize).toBe(atTarget);
      expect((await verifyLedger({ pool })).ok).toBe(true);
      expect(await checkRollback(pool)).toMatchObject({ ok: false, state: "behind", issuedTreeSize: latest });
      await expect(assertNotRolledBack(pool)).rejects.toMatchObject({ code: "ledger_untrusted" });
    });

    await recover(bin!, null);
    await withLedger(async (pool) => {
      expect((await readLatestBlock(pool))!.treeSize).toBe(latest);
      const verified = await verifyLedger({ pool });
      expect({ ok: verified.ok, treeSize: verified.treeSize }).toEqual({ ok: true, treeSize: latest });
      expect(await checkRollback(pool)).toMatchObject({ ok: true, state: "trusted", issuedTreeSize: latest });
    });
  });
});
