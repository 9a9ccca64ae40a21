import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAccessEvent } from "@/lib/access/record-access-event";
import { createTestDatabase, type TTestDatabase } from "@/test/db";

let db: TTestDatabase;
let owner: pg.Client;
let eventId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  // The owner of the tables, who may do anything the privileges allow: only the triggers stop it.
  owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  const e = await recordAccessEvent(db.prisma, {
    type: "rest",
    subtype: "read",
    action: "R",
    outcome: "0",
    entityWhat: "Patient",
  });
  eventId = e.id;
});
afterAll(() => owner.end());

describe("append-only history tables", () => {
  it("refuse updates, deletes and truncation from the application, by privilege", async () => {
    await expect(db.prisma.accessEvent.update({ where: { id: eventId }, data: { outcome: "8" } })).rejects.toThrow(
      /permission denied/,
    );
    await expect(db.prisma.accessEvent.delete({ where: { id: eventId } })).rejects.toThrow(/permission denied/);
    await expect(db.prisma.$executeRawUnsafe(`TRUNCATE "Disclosure"`)).rejects.toThrow(/permission denied/);
    expect((await db.prisma.accessEvent.findUniqueOrThrow({ where: { id: eventId } })).outcome).toBe("0");
  });

  it("refuse them from the tables' owner too, by trigger", async () => {
    await expect(owner.query(`UPDATE "AccessEvent" SET outcome = '8' WHERE id = $1`, [eventId])).rejects.toThrow(
      /append-only/,
    );
    await expect(owner.query(`DELETE FROM "AccessEvent" WHERE id = $1`, [eventId])).rejects.toThrow(/append-only/);
    await expect(owner.query(`TRUNCATE "Disclosure"`)).rejects.toThrow(/append-only/);
    expect((await owner.query(`SELECT outcome FROM "AccessEvent" WHERE id = $1`, [eventId])).rows).toEqual([
      { outcome: "0" },
    ]);
  });

  it("still accept new entries", async () => {
    await recordAccessEvent(db.prisma, {
      type: "rest",
      subtype: "read",
      action: "R",
      outcome: "4",
      entityWhat: "Patient",
    });
    expect(await db.prisma.accessEvent.count()).toBe(2);
  });
});
