import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { poolConfigFromUrl } from "./pool-config";

export type { PrismaClient };

export function createPrismaClient(databaseUrl: string, max = 10): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg(poolConfigFromUrl(databaseUrl, max)) });
}

// One client per process; Next's dev server re-evaluates modules, so keep it on globalThis.
const globalForPrisma = globalThis as unknown as { __hlPrisma?: PrismaClient };

export function getPrisma(): PrismaClient {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  globalForPrisma.__hlPrisma ??= createPrismaClient(url);
  return globalForPrisma.__hlPrisma;
}
