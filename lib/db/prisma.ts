import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { requireDatabaseUrl } from "@/lib/config/runtime-env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { poolConfigFromUrl } from "./pool-config";

export type { PrismaClient };

export function createPrismaClient(databaseUrl: string, max = 10): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg(poolConfigFromUrl(databaseUrl, max)) });
}

// One client per process; Next's dev server re-evaluates modules, so keep it on globalThis.
const globalForPrisma = globalThis as unknown as { __hlPrisma?: PrismaClient };

export function getPrisma(): PrismaClient {
  globalForPrisma.__hlPrisma ??= createPrismaClient(requireDatabaseUrl());
  return globalForPrisma.__hlPrisma;
}
