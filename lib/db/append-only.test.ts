import { beforeAll, describe, expect, it } from "vitest";
import { recordAccessEvent } from "@/lib/access/record-access-event";
import { createTestDatabase, type TTestDatabase } from "@/test/db";

let db: TTestDatabase;
let eventId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const e = await recordAccessEvent(db.prisma, {
    type: "rest",
    subtype: "read",
    action: "R",
    outcome: "0",
    entityWhat: "Patient",
  });
  eventId = e.id;
});

describe("append-only history tables", () => {
  it("refuse updates, deletes and truncation from the application", async () => {
    await expect(db.prisma.accessEvent.update({ where: { id: eventId }, data: { outcome: "8" } })).rejects.toThrow(
      /append-only/,
    );
    await expect(db.prisma.accessEvent.delete({ where: { id: eventId } })).rejects.toThrow(/append-only/);
    await expect(db.prisma.$executeRawUnsafe(`TRUNCATE "Disclosure"`)).rejects.toThrow(/append-only/);
    expect((await db.prisma.accessEvent.findUniqueOrThrow({ where: { id: eventId } })).outcome).toBe("0");
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
