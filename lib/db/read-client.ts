import "server-only";
import { replicaDatabaseUrl } from "@/lib/config/runtime-env";
import { APP_TIMEOUTS, createPrismaClient, getPrisma, type PrismaClient } from "./prisma";

// The read client: what a page or an API that only reads is served from. With DATABASE_REPLICA_URL
// it is a PostgreSQL streaming replica (physical replication: the same rows, a few milliseconds
// behind, refusing every write); without, the primary. Callers choose it explicitly, by name,
// never by looking at their SQL. Writes, the sequencer, the rollback guard and every read that must
// see the caller's own write just made use getPrisma()/getLedgerPool(): the list and the reasons
// are in docs/scaling.md ("Read replicas").

const globalForRead = globalThis as unknown as { __hlReadPrisma?: { url: string; client: PrismaClient } };

/** Prisma on the replica when one is configured, else the primary's client. */
export function getReadPrisma(): PrismaClient {
  const url = replicaDatabaseUrl();
  if (!url) return getPrisma();
  if (globalForRead.__hlReadPrisma?.url !== url)
    globalForRead.__hlReadPrisma = { url, client: createPrismaClient(url, 10, APP_TIMEOUTS) };
  return globalForRead.__hlReadPrisma.client;
}

/** True when reads may come from a replica, so a caller can fall back to the primary on "not there yet". */
export function readsFromReplica(): boolean {
  return replicaDatabaseUrl() !== null;
}
