import "server-only";
import pg from "pg";
import { poolConfigFromUrl } from "@/lib/db/pool-config";
import { requireDatabaseUrl } from "@/lib/config/runtime-env";
// Every server-side ledger path gets here: install node:crypto for Merkle node hashes and for
// signing checkpoints (the sequencer signs one per seal).
import "./ed25519-node";
import "./leaf-hash-node";

// The sequencer, proof reads and full verification talk to PostgreSQL through node-postgres
// directly: they move tens of thousands of rows per statement (unnest arrays, streamed
// batches), which Prisma's per-row mapping makes several times slower.

export type LedgerPool = pg.Pool;

// Prisma stores DateTime as UTC in `timestamp(3)` (no zone); node-postgres would read it as
// local time. Leaf bytes must not depend on the server's TZ, so parse it as UTC.
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === pg.types.builtins.TIMESTAMP && format !== "binary") {
      return (value: string) => new Date(`${value.replace(" ", "T")}Z`);
    }
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

const TIMESTAMP_TEXT = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,3}))?$/;

/**
 * For reading rows only to rebuild their leaves (full verification): a timestamp comes back as
 * the ISO-8601 string the leaf encodes it as (what toISOString of the parsed Date gives), without
 * building a Date per column. Anything unusual (BC, years past 9999, more than 3 fractional
 * digits, infinity) gets the Date exactly as above, so the leaf bytes are the same either way.
 */
export const leafSourceTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === pg.types.builtins.TIMESTAMP && format !== "binary") {
      const toDate = types.getTypeParser(oid, format) as (value: string) => Date;
      return (value: string) => {
        const m = TIMESTAMP_TEXT.exec(value);
        return m ? `${m[1]}T${m[2]}.${(m[3] ?? "").padEnd(3, "0")}Z` : toDate(value);
      };
    }
    return types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** `overrides`: pool settings of a caller with its own limits (the health check's short timeouts). */
export function createLedgerPool(databaseUrl: string, max = 6, overrides: Partial<pg.PoolConfig> = {}): LedgerPool {
  const pool = new pg.Pool({ ...poolConfigFromUrl(databaseUrl), max, types, ...overrides });
  // An idle connection the server dropped (a restart, pg_terminate_backend) is reported here; with
  // no listener the pool's "error" event would end the process. The pool has already discarded it
  // and opens a new one on the next query.
  pool.on("error", (err) =>
    console.warn(`[db] an idle ledger connection was closed by the server (${errorName(err)})`),
  );
  return pool;
}

const errorName = (err: Error & { code?: unknown }) => (typeof err.code === "string" ? err.code : err.name);

const globalForPool = globalThis as unknown as { __hlLedgerPool?: LedgerPool };

/** One pool per process (like getPrisma), from DATABASE_URL. */
export function getLedgerPool(): LedgerPool {
  globalForPool.__hlLedgerPool ??= createLedgerPool(requireDatabaseUrl());
  return globalForPool.__hlLedgerPool;
}
