// Real failures, raised by a real PostgreSQL through both clients the app uses (node-postgres and
// Prisma through its pg adapter), classified the way the API answers them.
import net from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { databaseFault } from "./database-fault";
import { createPrismaClient } from "./prisma";

let db: TTestDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  db = await createTestDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
});
afterAll(() => pool.end());

const failure = (p: Promise<unknown>) =>
  p.then(
    () => new Error("expected a failure"),
    (e: unknown) => e,
  );

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

const DISK_FULL = `DO $$ BEGIN RAISE EXCEPTION 'could not extend file' USING ERRCODE = 'disk_full'; END $$`;

describe("databaseFault", () => {
  it("calls a server nobody listens on unavailable, through node-postgres and through Prisma", async () => {
    const url = `postgresql://u:p@127.0.0.1:${await closedPort()}/db`;
    const client = new pg.Client({ connectionString: url });
    expect(databaseFault(await failure(client.connect()))).toBe("unavailable");
    const prisma = createPrismaClient(url, 1);
    expect(databaseFault(await failure(prisma.$queryRawUnsafe("SELECT 1")))).toBe("unavailable");
    expect(databaseFault(await failure(prisma.user.count()))).toBe("unavailable");
    await prisma.$disconnect();
  });

  it("calls a connection the server terminated (as a shutdown does, 57P01) unavailable", async () => {
    const su = await db.superuser();
    const victim = new pg.Client({ connectionString: db.url });
    victim.on("error", () => {});
    await victim.connect();
    const pid = (await victim.query("SELECT pg_backend_pid() AS pid")).rows[0].pid as number;
    const running = failure(victim.query("SELECT pg_sleep(10)"));
    await new Promise((r) => setTimeout(r, 100));
    await su.query("SELECT pg_terminate_backend($1)", [pid]);
    expect(databaseFault(await running)).toBe("unavailable");
    // And the next statement on the dead connection.
    expect(databaseFault(await failure(victim.query("SELECT 1")))).toBe("unavailable");
  });

  it("calls a statement cut off by statement_timeout (57014) unavailable", async () => {
    const c = await pool.connect();
    try {
      await c.query("SET statement_timeout = 50");
      expect(databaseFault(await failure(c.query("SELECT pg_sleep(2)")))).toBe("unavailable");
    } finally {
      c.release(true);
    }
  });

  it("calls SQLSTATE 53100 storage_full, through node-postgres and through Prisma", async () => {
    const e1 = await failure(pool.query(DISK_FULL));
    expect((e1 as { code?: string }).code).toBe("53100");
    expect(databaseFault(e1)).toBe("storage_full");
    expect(databaseFault(await failure(db.prisma.$executeRawUnsafe(DISK_FULL)))).toBe("storage_full");
    expect(databaseFault(await failure(db.prisma.$transaction(async (tx) => tx.$executeRawUnsafe(DISK_FULL))))).toBe(
      "storage_full",
    );
  });

  it("is null for errors that are the request's or the code's, not the database's", async () => {
    expect(databaseFault(await failure(pool.query("SELECT 1/0")))).toBeNull();
    expect(databaseFault(await failure(pool.query("SELECT * FROM no_such_table")))).toBeNull();
    expect(databaseFault(await failure(db.prisma.$queryRawUnsafe("SELECT 1/0")))).toBeNull();
    expect(databaseFault(new Error("Connection to the witness terminated"))).toBeNull();
    expect(databaseFault(new TypeError("x is undefined"))).toBeNull();
    expect(databaseFault(null)).toBeNull();
    expect(databaseFault("ECONNREFUSED")).toBeNull();
  });
});

describe("databaseFault of a conflict a retry may win", () => {
  it("calls 40001 (a replica's conflict with recovery, a lost serializable transaction) and 40P01 busy", async () => {
    for (const sqlstate of ["serialization_failure", "deadlock_detected"]) {
      const raise = `DO $$ BEGIN RAISE EXCEPTION 'canceling statement due to conflict with recovery' USING ERRCODE = '${sqlstate}'; END $$`;
      expect(databaseFault(await failure(pool.query(raise)))).toBe("busy");
      expect(databaseFault(await failure(db.prisma.$executeRawUnsafe(raise)))).toBe("busy");
      expect(databaseFault(await failure(db.prisma.$transaction(async (tx) => tx.$executeRawUnsafe(raise))))).toBe(
        "busy",
      );
    }
  });
});

describe("databaseFault of a pool with no connection free", () => {
  it("calls a wait past connectionTimeoutMillis busy", async () => {
    const one = new pg.Pool({ connectionString: db.url, max: 1, connectionTimeoutMillis: 100 });
    const held = await one.connect();
    try {
      expect(databaseFault(await failure(one.query("SELECT 1")))).toBe("busy");
    } finally {
      held.release();
      await one.end();
    }
  });
});
