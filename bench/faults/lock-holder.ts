// Which app instance holds the sequencer's advisory lock right now: PostgreSQL knows the backend
// (pg_locks) and the client port of its connection (pg_stat_activity); the kernel knows which local
// process owns that port (`ss -tnp`), and /proc which process group that process is in, i.e.
// which app server it belongs to. Loopback only, as every fault run is.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import type pg from "pg";
import { SEQUENCER_LOCK_KEY } from "../../lib/ledger/seal/seal-batch";

/** The client port of the backend holding the lock, or null when nobody holds it at this instant. */
export async function lockHolderPort(db: pg.Pool): Promise<number | null> {
  // A bigint key of pg_try_advisory_xact_lock is split into classid (high 32 bits) and objid (low).
  const { rows } = await db.query<{ port: number | null }>(
    `SELECT a.client_port AS port FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = $1 AND l.objsubid = 1`,
    [SEQUENCER_LOCK_KEY],
  );
  return rows[0]?.port ?? null;
}

/** The process group of the local process whose TCP connection has `port` as its local port. */
export function processGroupOfPort(port: number): number | null {
  const out = execFileSync("ss", ["-tnpH", "state", "established", `( sport = :${port} )`], { encoding: "utf8" });
  const pid = /pid=(\d+)/.exec(out)?.[1];
  if (!pid) return null;
  // /proc/<pid>/stat: "pid (comm) state ppid pgrp …"; comm may hold spaces, so split after ")".
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[2]);
}
