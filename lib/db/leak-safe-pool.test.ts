import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createPrismaClient, type PrismaClient } from "./prisma";

let prisma: PrismaClient;
let killer: pg.Client;

beforeAll(async () => {
  const db = await createTestDatabase();
  // Two connections only: without the fix, two lost transactions exhaust it for good.
  prisma = createPrismaClient(db.url, 2);
  killer = new pg.Client({ connectionString: db.url });
  await killer.connect();
});
afterAll(async () => {
  await prisma.$disconnect();
  await killer.end();
});

describe("the app's Prisma pool", () => {
  it("gets its connections back after transactions whose connection the server killed", async () => {
    for (let i = 0; i < 4; i++) {
      await expect(
        prisma.$transaction(async (tx) => {
          const [{ pid }] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
          // What a PostgreSQL restart does to every open transaction's connection.
          await killer.query("SELECT pg_terminate_backend($1)", [pid]);
          await tx.$queryRaw`SELECT 1`;
        }),
      ).rejects.toThrow();
    }
    const started = Date.now();
    expect(await prisma.$queryRaw<{ one: number }[]>`SELECT 1 AS one`).toEqual([{ one: 1 }]);
    // A free connection at once, not after the 30 s pool wait.
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 60_000);

  it("lets a transaction wait for a busy pool as long as a plain query would, instead of failing after 2 s", async () => {
    // Both connections are held for 3 s (Prisma's own maxWait is 2 s: under 50 connections its
    // P2028 answered FHIR searches with 503 while plain queries still queued).
    const hold = () => prisma.$transaction(async (tx) => tx.$executeRaw`SELECT pg_sleep(3)`);
    const holders = [hold(), hold()];
    await new Promise((r) => setTimeout(r, 300));
    const waited = prisma
      .$transaction(async (tx) => tx.$queryRaw<{ one: number }[]>`SELECT 1 AS one`)
      .catch((e: unknown) => e);
    await Promise.all(holders);
    expect(await waited).toEqual([{ one: 1 }]);
  }, 60_000);
});
