// CPU seconds spent by this process and by the PostgreSQL server under test. On a machine shared
// with other work, wall time swings with the load (the same run gave 0.25× and 0.34× minutes
// apart); the CPU a path takes per row does not, so the benchmarks report both.
import fs from "node:fs";
import path from "node:path";
import type pg from "pg";

export function processCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/**
 * A reader of the server's CPU seconds (the postmaster and every process it started, from
 * /proc), or null when the server is not a local process this user can read (a DATABASE_URL
 * elsewhere). Needs a superuser connection, to read the data directory.
 */
export async function serverCpuReader(superuser: pg.Pool): Promise<(() => number) | null> {
  try {
    const { rows } = await superuser.query<{ dir: string }>(`SELECT current_setting('data_directory') AS dir`);
    const postmaster = Number(fs.readFileSync(path.join(rows[0].dir, "postmaster.pid"), "utf8").split("\n")[0]);
    if (!Number.isInteger(postmaster) || !fs.existsSync(`/proc/${postmaster}/stat`)) return null;
    const tick = 100; // USER_HZ on Linux
    return () => {
      let ticks = 0;
      for (const entry of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) continue;
        let stat: string;
        try {
          stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
        } catch {
          continue; // exited meanwhile
        }
        // Fields after "(comm)": state ppid … utime(14) stime(15) cutime(16) cstime(17), 1-based.
        const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        const pid = Number(entry);
        if (pid === postmaster) ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
        else if (Number(f[1]) === postmaster) ticks += Number(f[11]) + Number(f[12]);
      }
      return ticks / tick;
    };
  } catch {
    return null;
  }
}
