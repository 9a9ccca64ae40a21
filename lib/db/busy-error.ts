import { Prisma } from "@/lib/generated/prisma/client";

// Prisma's codes for a database that is up but has no connection free in time: P2024, a
// connection could not be taken from the pool; P2028, a transaction could not start within its
// wait. Both mean overload, not a fault of the request: the API answers 503 with Retry-After, as
// a client or load balancer expects, never a 500 (seen under 50 connections on the explorer).
const BUSY_CODES = new Set(["P2024", "P2028"]);

/** True when `error` says the database had no connection free in time. */
export function isDatabaseBusy(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && BUSY_CODES.has(error.code);
}
