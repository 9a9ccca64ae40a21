// Backup and restore as docs/operations.md tells an operator to do them, with PostgreSQL's own
// tools of the server's major version (pg_dump 15 refuses a newer server, and the embedded
// PostgreSQL 18 ships none): a Debian PostgreSQL cluster started by the test, its pg_dump and
// pg_restore. A dump round-trips to a database whose ledger verifies with the same head; an older
// dump restored over the live database closes the rollback guard (patient data answers 503) until
// the latest backup is back or two administrators re-trust the restored head.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorizePatientAccess } from "@/lib/access/authorize-patient-access";
import { decideLedgerTrust } from "@/lib/admin/decide-ledger-trust";
import { getLedgerTrust } from "@/lib/admin/get-ledger-trust";
import { requestLedgerTrust } from "@/lib/admin/request-ledger-trust";
import { runtimeEnv } from "@/lib/config/runtime-env";
import { createPrismaClient, type PrismaClient } from "@/lib/db/prisma";
import { OWNER_ROLE } from "@/lib/db/roles/role-names";
import { errorResponse } from "@/lib/http/handle-api";
import { createLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import { readLatestBlock } from "@/lib/ledger/read-ledger-state";
import { sealPendingAndRecord } from "@/lib/ledger/rollback/record-checkpoint";
import { checkRollback } from "@/lib/ledger/rollback/rollback-guard";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { appendAccessEvents } from "@/lib/ledger/testing/ledger-fixtures";
import { bytesToHex } from "@/lib/ledger/tlog/encoding";
import { verifyLedger } from "@/lib/ledger/verify/verify-ledger";
import { readPatientResources } from "@/lib/vault/read-patient-resources";
import { seedDemo } from "@/prisma/seed/seed-demo";
import { installAppDatabase, onDatabase, type TAppDatabase } from "../app-database";
import { debianPostgres, runTool, serverOwnedTempDir, startCluster, type TPgCluster } from "../pg-cluster";

const bin = debianPostgres();
let cluster: TPgCluster;
let app: TAppDatabase;
let backups: string;
/** The backup taken right after seeding. */
let older: string;
const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "hl-backup-state-"));
const stateFile = path.join(stateDir, "issued-checkpoints.json");

/** The app's connections to the live database; closed while a restore replaces it, as the app would be stopped. */
let live: { prisma: PrismaClient; pool: LedgerPool } | null = null;
function connect() {
  live ??= { prisma: createPrismaClient(app.appUrl, 4), pool: createLedgerPool(app.appUrl, 3) };
  return live;
}
async function disconnect() {
  if (!live) return;
  await live.prisma.$disconnect();
  await live.pool.end();
  live = null;
}

/** pg_dump's custom format (compressed, restorable table by table), as the superuser a DBA backs up with. */
async function dump(name: string): Promise<string> {
  const file = path.join(backups, `${name}.dump`);
  await runTool(bin!, "pg_dump", ["--format=custom", `--file=${file}`, app.superuserUrl]);
  return file;
}

/** The restore of docs/operations.md: the live database replaced by the dump, its grants included. */
async function restoreOverLive(file: string) {
  await disconnect();
  const admin = new pg.Client({ connectionString: cluster.url() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${app.database} WITH (FORCE)`);
  await admin.end();
  await runTool(bin!, "pg_restore", ["--create", "--exit-on-error", `--dbname=${cluster.url()}`, file]);
  // An app left running reuses the guard's last "trusted" answer for up to 2 s (rollback-guard.ts);
  // the app's pools reconnect by themselves, so wait that out as a restart would.
  await new Promise((r) => setTimeout(r, 2_100));
}

async function head(pool: LedgerPool) {
  const b = (await readLatestBlock(pool))!;
  return { treeSize: b.treeSize, root: bytesToHex(b.rootHash) };
}

/** Row counts of every table of the schema, to compare a restored database with its source. */
async function tableCounts(url: string): Promise<Record<string, number>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ t: string }>(
      `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    );
    const out: Record<string, number> = {};
    for (const { t } of rows) out[t] = Number((await c.query(`SELECT count(*) AS n FROM "${t}"`)).rows[0].n);
    return out;
  } finally {
    await c.end();
  }
}

/** A clinician opens their patient's chart through the one gate to patient data; the answer an API route would give. */
async function openChart(prisma: PrismaClient): Promise<{ status: number; code?: string; resources?: number }> {
  const clinician = await prisma.user.findUniqueOrThrow({ where: { email: "clinician@healthledger.test" } });
  const portal = await prisma.user.findUniqueOrThrow({ where: { email: "patient@healthledger.test" } });
  try {
    const records = await authorizePatientAccess(
      prisma,
      {
        actor: { id: clinician.id, role: clinician.role, department: clinician.department },
        patientId: portal.patientId!,
        action: "read",
        entityWhat: `Patient/${portal.patientId}`,
      },
      () => readPatientResources(prisma, { patientId: portal.patientId! }),
    );
    return { status: 200, resources: records.length };
  } catch (err) {
    const res = errorResponse(err, "backup-test");
    return { status: res.status, code: ((await res.json()) as { error: { code: string } }).error.code };
  }
}

async function admins(prisma: PrismaClient) {
  const a = await prisma.user.findUniqueOrThrow({ where: { email: "admin@healthledger.test" } });
  const b = await prisma.user.findUniqueOrThrow({ where: { email: "admin2@healthledger.test" } });
  return [a.id, b.id] as const;
}

beforeAll(async () => {
  if (!bin)
    throw new Error(
      "These tests need Debian's PostgreSQL server and its pg_dump/pg_restore of the same major version: " +
        "run scripts/ensure-test-tools.sh (apt-get install postgresql).",
    );
  cluster = await startCluster({ bin, port: runtimeEnv().HL_TEST_PG_PORT + 30 });
  backups = serverOwnedTempDir("hl-backups-");
  app = await installAppDatabase(cluster);
  // The app's store of issued checkpoints lives outside the database and its backups.
  process.env.HL_CHECKPOINT_STATE_FILE = stateFile;
  process.env.DATABASE_URL = app.appUrl;
  const { prisma, pool } = connect();
  await seedDemo(prisma, { patients: 20, staff: 12, historyDays: 2 });
  await sealPendingAndRecord(pool);
  older = await dump("older");
}, 120_000);

afterAll(async () => {
  await disconnect();
  await cluster?.stop();
  if (backups) fs.rmSync(backups, { recursive: true, force: true });
  fs.rmSync(stateDir, { recursive: true, force: true });
});

describe(`backup and restore with pg_dump/pg_restore (Debian PostgreSQL ${bin?.major ?? "?"})`, () => {
  it("restores a dump into a new database whose ledger verifies at the same head, with every row and record", async () => {
    const { prisma, pool } = connect();
    const source = await head(pool);
    expect(source.treeSize).toBeGreaterThan(400);

    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query(`CREATE DATABASE hl_restored OWNER ${OWNER_ROLE}`);
    await admin.end();
    await runTool(bin!, "pg_restore", [
      "--exit-on-error",
      "--single-transaction",
      `--dbname=${cluster.url("hl_restored")}`,
      older,
    ]);

    const restoredUrl = onDatabase(app.appUrl, "hl_restored");
    const restoredPool = createLedgerPool(restoredUrl, 3);
    const restoredPrisma = createPrismaClient(restoredUrl, 2);
    try {
      expect(await tableCounts(onDatabase(app.superuserUrl, "hl_restored"))).toEqual(
        await tableCounts(app.superuserUrl),
      );
      expect(await head(restoredPool)).toEqual(source);
      // The full verification of the CLI: every leaf recomputed from its row, every block and signature.
      const verified = await verifyLedger({ pool: restoredPool });
      expect({ ok: verified.ok, findings: verified.findings, treeSize: verified.treeSize }).toEqual({
        ok: true,
        findings: [],
        treeSize: source.treeSize,
      });
      // Same ledger, same head as the checkpoint the app issued: the guard trusts the copy.
      expect(await checkRollback(restoredPool)).toMatchObject({ ok: true, state: "trusted" });
      const portal = await prisma.user.findUniqueOrThrow({ where: { email: "patient@healthledger.test" } });
      const original = await readPatientResources(prisma, { patientId: portal.patientId! });
      expect(await readPatientResources(restoredPrisma, { patientId: portal.patientId! })).toEqual(original);
      // The app role (grants restored with the tables) keeps writing and sealing on the copy.
      await appendAccessEvents(restoredPool, 10, 9_000);
      expect((await sealPending({ pool: restoredPool })).lastBlock?.treeSize).toBe(source.treeSize + 10);
      expect((await verifyLedger({ pool: restoredPool })).ok).toBe(true);
    } finally {
      await restoredPool.end();
      await restoredPrisma.$disconnect();
    }
  });

  it("refuses patient data (503) after an older dump is restored, until the latest is back or two admins re-trust", async () => {
    let { prisma, pool } = connect();
    expect(await openChart(prisma)).toMatchObject({ status: 200 });
    const atBackup = await head(pool);
    // History goes on after the older backup, and the app issues its checkpoints.
    await appendAccessEvents(pool, 25, 20_000);
    await sealPendingAndRecord(pool);
    const latestHead = await head(pool);
    expect(latestHead.treeSize).toBeGreaterThan(atBackup.treeSize + 25);
    const latest = await dump("latest");

    await restoreOverLive(older);
    ({ prisma, pool } = connect());
    expect(await head(pool)).toEqual(atBackup);
    expect(await checkRollback(pool)).toMatchObject({
      ok: false,
      state: "behind",
      treeSize: atBackup.treeSize,
      issuedTreeSize: latestHead.treeSize,
    });
    expect(await openChart(prisma)).toEqual({ status: 503, code: "ledger_untrusted" });

    // Reconciled the first way: the latest backup restored, and the guard opens by itself.
    await restoreOverLive(latest);
    ({ prisma, pool } = connect());
    expect(await head(pool)).toEqual(latestHead);
    expect(await openChart(prisma)).toMatchObject({ status: 200 });

    // The second way, when the older database is the one to keep: four-eyes re-trust of its head.
    await restoreOverLive(older);
    ({ prisma, pool } = connect());
    expect(await openChart(prisma)).toEqual({ status: 503, code: "ledger_untrusted" });
    const status = await getLedgerTrust(prisma, { pool });
    expect(status.check).toMatchObject({ ok: false, state: "behind" });
    const prefix = status.head!.rootHash.slice(0, 8);
    const [alice, bob] = await admins(prisma);
    const { requestId } = await requestLedgerTrust(prisma, {
      actorId: alice,
      treeSize: status.head!.treeSize,
      confirm: prefix,
      pool,
    });
    expect(await openChart(prisma)).toEqual({ status: 503, code: "ledger_untrusted" });
    await decideLedgerTrust(prisma, { actorId: bob, requestId, approve: true, confirm: prefix, pool });
    expect(await checkRollback(pool)).toMatchObject({ ok: true, state: "trusted", issuedTreeSize: atBackup.treeSize });
    expect(await openChart(prisma)).toMatchObject({ status: 200 });
    await sealPendingAndRecord(pool);
    expect((await verifyLedger({ pool })).ok).toBe(true);
  });
});
