// A hot standby of a test cluster, by PostgreSQL's own physical replication: a base backup taken
// with the low-level API (pg_backup_start, copy the data directory, pg_backup_stop; the embedded
// PostgreSQL ships no pg_basebackup), then streaming from the primary through a replication slot.
// The steps of docs/scaling.md ("Read replicas"), done by a test.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { serverOwnedTempDir, startCluster, type TPgCluster } from "./pg-cluster";

/**
 * What the low-level API leaves out of a base backup (PostgreSQL docs, "Making a Base Backup Using
 * the Low Level API"): the server's run files and directories whose contents are rebuilt at start.
 */
const SKIP_FILES = new Set(["postmaster.pid", "postmaster.opts", "standby.signal", "recovery.signal"]);
const EMPTY_DIRS = new Set([
  "pg_wal",
  "pg_replslot",
  "pg_stat_tmp",
  "pg_dynshmem",
  "pg_notify",
  "pg_serial",
  "pg_snapshots",
  "pg_subtrans",
]);

/** Copy a live data directory; files that vanish while we copy (temporary ones) are simply gone. */
function copyDataDir(from: string, to: string, top = true) {
  fs.mkdirSync(to, { recursive: true, mode: 0o700 });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (top && SKIP_FILES.has(entry.name)) continue;
    if (entry.name.startsWith("pgsql_tmp")) continue;
    try {
      if (entry.isDirectory()) {
        if (top && EMPTY_DIRS.has(entry.name)) fs.mkdirSync(dst, { mode: 0o700 });
        else copyDataDir(src, dst, false);
      } else fs.copyFileSync(src, dst);
    } catch (err) {
      if ((err as { code?: string }).code !== "ENOENT") throw err;
    }
  }
}

function chownTree(dir: string, uid: number, gid: number) {
  fs.chownSync(dir, uid, gid);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(p, uid, gid);
    else fs.chownSync(p, uid, gid);
  }
}

export type TStandby = TPgCluster & { slot: string };

/** Take a base backup of `primary` and start it as a streaming hot standby on `port`. */
export async function startStreamingStandby(primary: TPgCluster, port: number, slot = "hl_replica"): Promise<TStandby> {
  const admin = new pg.Client({ connectionString: primary.url() });
  await admin.connect();
  const dataDir = path.join(serverOwnedTempDir("hl-standby-"), "data");
  try {
    // The slot keeps every WAL segment from now until the standby has streamed it.
    await admin.query("SELECT pg_create_physical_replication_slot($1, true)", [slot]);
    await admin.query("SELECT pg_backup_start('hl-standby', true)");
    copyDataDir(primary.dataDir, dataDir);
    const { rows } = await admin.query<{ labelfile: string; spcmapfile: string }>(
      "SELECT labelfile, spcmapfile FROM pg_backup_stop(true)",
    );
    fs.writeFileSync(path.join(dataDir, "backup_label"), rows[0].labelfile);
    if (rows[0].spcmapfile) fs.writeFileSync(path.join(dataDir, "tablespace_map"), rows[0].spcmapfile);
  } finally {
    await admin.end();
  }
  fs.mkdirSync(path.join(dataDir, "pg_wal", "archive_status"), { recursive: true });
  fs.mkdirSync(path.join(dataDir, "pg_wal", "summaries"), { recursive: true });
  fs.writeFileSync(path.join(dataDir, "standby.signal"), "");
  const conninfo = `host=127.0.0.1 port=${primary.port} user=postgres password=${primary.password} application_name=${slot}`;
  fs.appendFileSync(
    path.join(dataDir, "postgresql.auto.conf"),
    `\nprimary_conninfo = '${conninfo}'\nprimary_slot_name = '${slot}'\nhot_standby = on\n`,
  );
  const owner = fs.statSync(path.dirname(dataDir));
  chownTree(dataDir, owner.uid, owner.gid);
  const standby = await startCluster({ bin: primary.bin, port, dataDir, password: primary.password });
  const stop = standby.stop;
  return {
    ...standby,
    slot,
    stop: async (o) => {
      await stop(o);
      fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
    },
  };
}
