import { z } from "zod";
import { parseEnv, unsetIfEmpty } from "./parse-env";
import { parseTrustedProxies } from "./trusted-proxies";
import { parseWitnesses, witnessQuorum, type TWitnessConfig } from "./witnesses";

// The variables that locate and run things: database, data files, ports, schedules. They are read
// before the server's secrets are validated (the embedded PostgreSQL starts, and the development
// secrets file is found, before that), so they have a schema of their own; lib/config/env.ts has
// the secrets. The only secrets here are database credentials, which locate the database too. Every variable is documented in .env.example too
// (lib/config/env.test.ts keeps the two lists equal).

const ZPort = z.coerce.number().int().min(1).max(65535);
/** A PostgreSQL memory or size setting: a number of 8 kB pages, or with a unit (kB, MB, GB, TB). */
const ZPgSize = z.string().regex(/^\d+\s*(kB|MB|GB|TB)?$/, "must be a PostgreSQL size such as 512MB or 4GB");
const ZPostgresUrl = z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL");
const ZPgPassword = z.string().min(16, "must be at least 16 characters");

/**
 * setInterval takes at most 2^31 − 1 ms (24.8 days) and fires at once for anything larger, so
 * the verification schedule stops at 24 days.
 */
export const MAX_VERIFY_EVERY_HOURS = 24 * 24;

export const ZRuntimeEnv = z.object({
  /** PostgreSQL ≥ 14. When unset, an embedded PostgreSQL is started with its data in HL_DATA_DIR. */
  DATABASE_URL: unsetIfEmpty(ZPostgresUrl.optional()),
  /**
   * With DATABASE_URL: the schema owner's connection, for migrations and grants; DATABASE_URL is
   * then the app's lesser role (docs/database-roles.md). Unset: migrations use DATABASE_URL, and
   * the app has the owner's rights (warned at start-up). The embedded PostgreSQL derives both.
   */
  HL_DATABASE_OWNER_URL: unsetIfEmpty(ZPostgresUrl.optional()),
  /**
   * A streaming replica of DATABASE_URL's server (same roles, another host or port): dashboards,
   * the explorer, report downloads and proofs read from it; writes, the sequencer and the reads
   * that must see their own writes stay on the primary (lib/db/read-client.ts, docs/scaling.md).
   */
  DATABASE_REPLICA_URL: unsetIfEmpty(ZPostgresUrl.optional()),
  /**
   * With DATABASE_REPLICA_URL: /api/health says "degraded" once the replica's replay is this many
   * seconds behind the primary (its readers see data that old; lib/ops/health/decide-replica.ts).
   */
  HL_REPLICA_LAG_DEGRADED_SECONDS: unsetIfEmpty(
    z.coerce
      .number("must be a number of seconds")
      .positive("must be more than 0 seconds")
      .max(86_400, "must be at most 86400 seconds (a day)")
      .default(30),
  ),
  /** Data directory of the embedded PostgreSQL. */
  HL_DATA_DIR: unsetIfEmpty(z.string().default(".data/pg")),
  /** Port of the embedded PostgreSQL (loopback only). */
  HL_PG_PORT: unsetIfEmpty(ZPort.default(54320)),
  /** Embedded PostgreSQL: password of its bootstrap superuser (generated into HL_SECRETS_FILE). */
  HL_PG_SUPERUSER_PASSWORD: unsetIfEmpty(ZPgPassword.optional()),
  /** Embedded PostgreSQL: password of healthledger_owner, which owns the schema and migrates it. */
  HL_PG_OWNER_PASSWORD: unsetIfEmpty(ZPgPassword.optional()),
  /** Embedded PostgreSQL: password of healthledger_app, the app's least-privilege role. */
  HL_PG_APP_PASSWORD: unsetIfEmpty(ZPgPassword.optional()),
  /** Database name in the embedded PostgreSQL. */
  HL_PG_DATABASE: unsetIfEmpty(z.string().default("healthledger")),
  /** shared_buffers of the embedded PostgreSQL; unset, a quarter of the memory, 128MB to 2GB (lib/db/embedded-postgres.ts). */
  HL_PG_SHARED_BUFFERS: unsetIfEmpty(ZPgSize.optional()),
  /** max_wal_size of the embedded PostgreSQL (see lib/db/embedded-postgres.ts for why 4GB). */
  HL_PG_MAX_WAL_SIZE: unsetIfEmpty(ZPgSize.default("4GB")),
  /** Port the app serves on (`npm start`, `npm run dev`). */
  PORT: unsetIfEmpty(ZPort.default(3000)),
  /** A file the server appends its memory and event-loop delay to every 5 s (scripts/runtime-samples.ts; the load benchmark's soak). */
  HL_RUNTIME_SAMPLES_FILE: unsetIfEmpty(z.string().optional()),
  /** `npm start` serves the existing build instead of rebuilding when this is set (to anything). */
  HL_SKIP_BUILD: unsetIfEmpty(z.string().optional()),
  /**
   * "1" seeds the demo data (accounts with published passwords) into an empty external database
   * too; the embedded database gets it without asking. Refused with NODE_ENV=production.
   */
  HL_SEED_DEMO: unsetIfEmpty(z.enum(["0", "1"], 'must be "1" (seed the demo) or "0"').optional()),
  /** Days of access history the demo seed adds (docs/demo-data.md); 0 seeds today's demo data only. */
  HL_DEMO_HISTORY_DAYS: unsetIfEmpty(
    z.coerce
      .number("must be a number of days")
      .int("must be a whole number of days")
      .min(0, "must be 0 (no history) or more")
      .max(90, "must be at most 90 days")
      .default(30),
  ),
  /** Where generated development secrets are kept (git-ignored). */
  HL_SECRETS_FILE: unsetIfEmpty(z.string().default(".secrets/local.env")),
  /**
   * The evidence CA certificate (PEM) that regulators trust for report PDFs (docs/evidence-signing.md).
   * Unset, with the two below: generated beside HL_SECRETS_FILE on the first start.
   */
  HL_EVIDENCE_CA_CERT_FILE: unsetIfEmpty(z.string().optional()),
  /** The PDF signer's certificate (PEM), issued by the evidence CA; intermediate CAs may follow it. */
  HL_EVIDENCE_SIGNER_CERT_FILE: unsetIfEmpty(z.string().optional()),
  /** The PDF signer's ECDSA P-256 private key (PKCS #8 PEM). */
  HL_EVIDENCE_SIGNER_KEY_FILE: unsetIfEmpty(z.string().optional()),
  /** Checkpoint origin line (C2SP tlog-checkpoint); also the name of the signing key. */
  HL_LOG_ORIGIN: unsetIfEmpty(
    z.string().regex(/^\S+$/, "must not be empty or contain spaces").default("healthledger.example/log"),
  ),
  /** "off" leaves sealing the ledger queue to other instances or the CLI. */
  HL_SEQUENCER: unsetIfEmpty(z.enum(["on", "off"], 'must be "on" or "off"').default("on")),
  /**
   * "off" leaves the monitor (rollups, then the rules) to another process, such as
   * `healthledger monitor follow --nice 10`, so it never takes CPU from this instance's requests.
   */
  HL_MONITOR: unsetIfEmpty(z.enum(["on", "off"], 'must be "on" or "off"').default("on")),
  /**
   * How far (seconds) a queued entry's recordedAt may lie before the previous seal or after the
   * sequencer's clock; an entry outside that window is refused (lib/ledger/seal/check-queued-entries.ts).
   */
  HL_LEDGER_CLOCK_SKEW_SECONDS: unsetIfEmpty(
    z.coerce
      .number("must be a number of seconds")
      .int("must be a whole number of seconds")
      .min(1, "must be at least 1 second")
      .max(86_400, "must be at most 86400 seconds (a day)")
      .default(300),
  ),
  /** Full verification every so many hours; 0 turns the schedule off. */
  HL_VERIFY_EVERY_HOURS: unsetIfEmpty(
    z.coerce
      .number("must be a number of hours")
      .min(0, "must be 0 (off) or a positive number of hours")
      .max(MAX_VERIFY_EVERY_HOURS, `must be at most ${MAX_VERIFY_EVERY_HOURS} hours (24 days)`)
      .default(24),
  ),
  /**
   * The latest checkpoint this app issued, kept outside the database and its backups (rollback
   * detection). No default when NODE_ENV is production: see checkpointStateFile().
   */
  HL_CHECKPOINT_STATE_FILE: unsetIfEmpty(z.string().optional()),
  /**
   * The tlog witnesses that cosign the app's checkpoints: entries "<name> <url> <verifier key>"
   * separated by ";" (lib/config/witnesses.ts). Unset: `npm start` runs one local witness.
   */
  HL_WITNESSES: unsetIfEmpty(
    z
      .string()
      .optional()
      .superRefine((v, ctx) => {
        try {
          parseWitnesses(v);
        } catch (error) {
          ctx.addIssue({ code: "custom", message: (error as Error).message });
        }
      }),
  ),
  /** How many witnesses must cosign a checkpoint; default all of ≤ 2, else a majority. */
  HL_WITNESS_QUORUM: unsetIfEmpty(
    z.coerce.number("must be a number of witnesses").int("must be a whole number").min(0).max(32).optional(),
  ),
  /** "off": `npm start` starts no local witness when HL_WITNESSES is unset (the checkpoints go unwitnessed). */
  HL_LOCAL_WITNESS: unsetIfEmpty(z.enum(["on", "off"], 'must be "on" or "off"').default("on")),
  /** Port (loopback) of the local witness `npm start` runs beside the app. */
  HL_LOCAL_WITNESS_PORT: unsetIfEmpty(ZPort.default(3380)),
  /**
   * Comma-separated IPs and CIDR blocks of the reverse proxies in front of the app: only a request
   * whose socket peer is one of them has its X-Forwarded-For believed. Unset: nobody's is, and the
   * peer address is the client (lib/net/client-address.ts).
   */
  HL_TRUSTED_PROXIES: unsetIfEmpty(
    z
      .string()
      .optional()
      .superRefine((v, ctx) => {
        try {
          parseTrustedProxies(v);
        } catch (error) {
          ctx.addIssue({ code: "custom", message: (error as Error).message });
        }
      }),
  ),
  /**
   * What a GDPR Art. 15 access package says of the staff who consulted the data subject's record:
   * "role" (role and department, the default) or "name" (their names too). CJEU C-579/21 (22 June
   * 2023): dates and purposes are always given, the employees' identities only where the
   * controller's policy says so.
   */
  HL_ART15_STAFF_IDENTITY: unsetIfEmpty(
    z.enum(["role", "name"], 'must be "role" (role and department) or "name" (names too)').default("role"),
  ),
  /** Set by Next.js and test runners; "production" makes some settings mandatory. */
  NODE_ENV: unsetIfEmpty(z.string().optional()),
  /** Browser tests: the Chromium binary. */
  CHROMIUM_PATH: unsetIfEmpty(z.string().default("/usr/bin/chromium")),
  /**
   * Tests: port of their throwaway PostgreSQL server (unless DATABASE_URL names one). Tests that
   * start servers of their own take the ports just above: +5, and +30 to +33 (test/ops).
   */
  HL_TEST_PG_PORT: unsetIfEmpty(ZPort.default(54330)),
  /** Browser tests: port of the app under test. */
  HL_E2E_PORT: unsetIfEmpty(ZPort.default(3100)),
  /** Benchmarks: port of their throwaway PostgreSQL server. */
  HL_BENCH_PG_PORT: unsetIfEmpty(ZPort.default(54360)),
  /** Benchmarks: an existing database the ledger benchmark may empty, instead of a throwaway one. */
  HL_BENCH_DATABASE_URL: unsetIfEmpty(ZPostgresUrl.optional()),
});
export type TRuntimeEnv = z.infer<typeof ZRuntimeEnv>;

const RUNTIME_KEYS = Object.keys(ZRuntimeEnv.shape);
let lastRead: { source: object; values: (string | undefined)[]; env: TRuntimeEnv } | undefined;

/**
 * The runtime variables, validated. Start-up scripts and the CLI set DATABASE_URL once they know
 * the database, after earlier reads, so every call compares the variables with the last parse and
 * parses again when one changed (a page reads them several times; parsing all of them each time
 * cost 3% of an explorer page).
 */
export function runtimeEnv(source: Record<string, string | undefined> = process.env): TRuntimeEnv {
  if (lastRead?.source === source && RUNTIME_KEYS.every((k, i) => source[k] === lastRead?.values[i]))
    return lastRead.env;
  const env = parseEnv(ZRuntimeEnv, source);
  lastRead = { source, values: RUNTIME_KEYS.map((k) => source[k]), env };
  return env;
}

/**
 * Where the latest issued checkpoints are kept when HL_CHECKPOINT_STATE_FILE is unset (development,
 * the embedded demo): beside the generated secrets, outside .data/, so restoring or deleting the
 * database directory leaves it alone.
 */
export const DEFAULT_CHECKPOINT_STATE_FILE = ".secrets/issued-checkpoints.json";
/** The earlier default, beside the embedded database: moved forward on start (see prepareRuntime). */
export const LEGACY_CHECKPOINT_STATE_FILE = ".data/issued-checkpoints.json";

export const CHECKPOINT_STATE_FILE_REQUIRED =
  "must be set when NODE_ENV=production: a path outside the database's directory and its backups (docs/rollback.md)";

/**
 * The checkpoint state file. Production names it explicitly: a default inside the deployment
 * could end up in the same backup as the database, and then a restore rolls back both.
 */
export function checkpointStateFile(env: TRuntimeEnv = runtimeEnv()): { file: string; isDefault: boolean } {
  if (env.HL_CHECKPOINT_STATE_FILE) return { file: env.HL_CHECKPOINT_STATE_FILE, isDefault: false };
  if (env.NODE_ENV === "production")
    throw new Error(`Invalid environment:\n  HL_CHECKPOINT_STATE_FILE: ${CHECKPOINT_STATE_FILE_REQUIRED}`);
  return { file: DEFAULT_CHECKPOINT_STATE_FILE, isDefault: true };
}

/** Settings that depend on one another, checked with the schema at start-up (validateServerEnvironment). */
export function refineRuntimeEnv(env: Partial<TRuntimeEnv>, ctx: z.RefinementCtx): void {
  if (env.NODE_ENV === "production" && !env.HL_CHECKPOINT_STATE_FILE)
    ctx.addIssue({ code: "custom", path: ["HL_CHECKPOINT_STATE_FILE"], message: CHECKPOINT_STATE_FILE_REQUIRED });
  if (env.HL_WITNESS_QUORUM !== undefined) {
    try {
      witnessQuorum(parseWitnesses(env.HL_WITNESSES).length, env.HL_WITNESS_QUORUM);
    } catch (error) {
      ctx.addIssue({ code: "custom", path: ["HL_WITNESS_QUORUM"], message: (error as Error).message });
    }
  }
  if (env.DATABASE_REPLICA_URL && !env.DATABASE_URL)
    ctx.addIssue({
      code: "custom",
      path: ["DATABASE_REPLICA_URL"],
      message: "needs DATABASE_URL (the primary, which every write goes to)",
    });
  if (env.HL_DATABASE_OWNER_URL && !env.DATABASE_URL)
    ctx.addIssue({
      code: "custom",
      path: ["HL_DATABASE_OWNER_URL"],
      message: "needs DATABASE_URL (the app's own role); the embedded PostgreSQL derives both",
    });
  if (env.HL_DATABASE_OWNER_URL && env.DATABASE_URL && sameLogin(env.HL_DATABASE_OWNER_URL, env.DATABASE_URL))
    ctx.addIssue({
      code: "custom",
      path: ["HL_DATABASE_OWNER_URL"],
      message:
        "names the same role as DATABASE_URL: the app must connect as a role of its own (leave it unset for one role)",
    });
}

function sameLogin(a: string, b: string): boolean {
  try {
    return new URL(a).username === new URL(b).username && new URL(a).host === new URL(b).host;
  } catch {
    return false;
  }
}

/** The witnesses and the quorum their cosignatures must reach (k of n). */
export function configuredWitnesses(env: TRuntimeEnv = runtimeEnv()): { witnesses: TWitnessConfig[]; quorum: number } {
  const witnesses = parseWitnesses(env.HL_WITNESSES);
  return { witnesses, quorum: witnessQuorum(witnesses.length, env.HL_WITNESS_QUORUM) };
}

export type TEmbeddedPasswords = { superuser: string; owner: string; app: string };

/** The embedded PostgreSQL's role passwords (generated into HL_SECRETS_FILE by loadLocalSecrets). */
export function embeddedPasswords(env: TRuntimeEnv = runtimeEnv()): TEmbeddedPasswords {
  const { HL_PG_SUPERUSER_PASSWORD: superuser, HL_PG_OWNER_PASSWORD: owner, HL_PG_APP_PASSWORD: app } = env;
  if (!superuser || !owner || !app)
    throw new Error(
      "The embedded PostgreSQL needs HL_PG_SUPERUSER_PASSWORD, HL_PG_OWNER_PASSWORD and HL_PG_APP_PASSWORD: " +
        "npm start generates them into HL_SECRETS_FILE (.secrets/local.env), or set them yourself.",
    );
  return { superuser, owner, app };
}

/** DATABASE_URL, which every connection of the app needs (start-up scripts and the CLI set it). */
export function requireDatabaseUrl(): string {
  const url = runtimeEnv().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  return url;
}

/** DATABASE_REPLICA_URL, or null when every read goes to the primary. */
export function replicaDatabaseUrl(): string | null {
  return runtimeEnv().DATABASE_REPLICA_URL ?? null;
}

/** Settle the database for the rest of this process and for the child processes it starts. */
export function setDatabaseUrl(url: string): void {
  process.env.DATABASE_URL = ZPostgresUrl.parse(url);
}

/**
 * Credentials the app server does not need and must not hold: the owner's and the embedded
 * superuser's. Removed from the environment of the Next.js server (scripts/start.ts).
 */
export const OWNER_ONLY_VARIABLES = [
  "HL_DATABASE_OWNER_URL",
  "HL_PG_SUPERUSER_PASSWORD",
  "HL_PG_OWNER_PASSWORD",
] as const;

/** This process's environment with some variables changed, for a child process. */
export function childEnv(changes: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return { ...process.env, ...changes };
}
