import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { requireDatabaseUrl } from "@/lib/config/runtime-env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { LeakSafePool } from "./leak-safe-pool";
import { CONNECT_TIMEOUT_MS, poolConfigFromUrl } from "./pool-config";

export type { PrismaClient };

export type TServerTimeouts = { statementMs: number; idleInTransactionMs: number };

// The app's requests: no statement of a page or an API call runs for a minute (the largest report
// reads 100,000 events in a few statements of seconds each), so one that does is stuck behind a
// lock or a failing disk and is better refused as a 503 than left holding its connection; and a
// transaction left open by a crashed request must not hold its locks. Scripts (seeding, imports)
// pass none.
export const APP_TIMEOUTS: TServerTimeouts = { statementMs: 60_000, idleInTransactionMs: 60_000 };

export function createPrismaClient(databaseUrl: string, max = 10, timeouts?: TServerTimeouts): PrismaClient {
  const config = {
    ...poolConfigFromUrl(databaseUrl, max),
    ...(timeouts
      ? { statement_timeout: timeouts.statementMs, idle_in_transaction_session_timeout: timeouts.idleInTransactionMs }
      : {}),
  };
  // Our pool rather than the adapter's own: see leak-safe-pool.ts. Ended with the client.
  // A transaction waits for a pooled connection as long as a plain query does (Prisma's own
  // maxWait is 2 s: at 50 connections it refused transactions as busy while queries still queued),
  // and may then run for as long as a statement may (Prisma's own 5 s would expire a transaction
  // that is only slow because the machine is loaded); scripts, which set no server timeouts, get
  // the app's. Callers that need longer (imports, seeding) still pass their own.
  return new PrismaClient({
    adapter: new PrismaPg(new LeakSafePool(config), { disposeExternalPool: true }),
    transactionOptions: { maxWait: CONNECT_TIMEOUT_MS, timeout: (timeouts ?? APP_TIMEOUTS).statementMs },
  });
}

// One client per process; Next's dev server re-evaluates modules, so keep it on globalThis.
const globalForPrisma = globalThis as unknown as { __hlPrisma?: PrismaClient };

export function getPrisma(): PrismaClient {
  globalForPrisma.__hlPrisma ??= createPrismaClient(requireDatabaseUrl(), 10, APP_TIMEOUTS);
  return globalForPrisma.__hlPrisma;
}
