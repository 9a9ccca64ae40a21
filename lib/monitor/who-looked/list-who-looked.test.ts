import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { AppError } from "@/lib/errors";
import { createLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { rollupConsumer } from "../rollups/rollup-consumer";
import { writeHistoryEvents, type THistoryEvent } from "../testing/rules-history";
import { catchUpConsumer } from "../watermark/advance-consumer";
import { listWhoLooked } from "./list-who-looked";
import { parseWhoLookedQuery } from "./who-looked-query";
import { viewWhoLooked } from "./view-who-looked";

// A mini history with known answers, through the real pipeline: anchored events, sealed, rolled
// up by the rollup consumer; then "who looked at patient P" read back from the rollup and events.

let db: TTestDatabase;
let pool: LedgerPool;
const [alice, bob, carol] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
const [P, Q] = [crypto.randomUUID(), crypto.randomUUID()];
const at = (s: string) => new Date(`2026-03-${s}Z`);

const HISTORY: THistoryEvent[] = [
  { actorId: alice, patientId: P, at: at("01T09:00:00.120") },
  { actorId: alice, patientId: P, at: at("01T09:05:00") },
  { actorId: alice, patientId: P, at: at("03T10:00:00"), action: "U", subtype: "update" },
  { actorId: bob, patientId: P, at: at("02T22:00:00"), outcome: "4" },
  { actorId: bob, patientId: P, at: at("02T22:01:00"), purposeOfUse: "ETREAT" },
  {
    actorId: carol,
    patientId: P,
    at: at("04T08:00:00"),
    action: "E",
    subtype: "search-type",
    purposeOfUse: "OPERATIONS",
  },
  // Another patient, later than everything about P: never part of P's answer.
  { actorId: alice, patientId: Q, at: at("05T12:00:00") },
];

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createLedgerPool(db.url);
  for (const [id, name, role, department] of [
    [alice, "Alice Example", "CLINICIAN", "Cardiology"],
    [bob, "Bob Example", "CLINICIAN", "Oncology"],
    [carol, "Carol Example", "COMPLIANCE_OFFICER", null],
  ] as const)
    await db.prisma.user.create({
      data: { id, email: `${name.split(" ")[0]}@who.test`, displayName: name, role, department, passwordHash: "x" },
    });
  await db.prisma.patient.createMany({ data: [P, Q].map((id, i) => ({ id, pseudonym: `PSN-WHO-${i}` })) });
  await writeHistoryEvents(pool, HISTORY);
  await sealPending({ pool });
  await catchUpConsumer(pool, rollupConsumer);
});
afterAll(async () => {
  await pool.end();
});

const list = (q: string) =>
  listWhoLooked(db.prisma, { patientId: P, query: parseWhoLookedQuery(new URLSearchParams(q)) });

describe("listWhoLooked", () => {
  it("groups every access to the patient by person, newest last access first, with what, why and outcome", async () => {
    const page = (await list(""))!;
    expect(page.patient).toEqual({ id: P, pseudonym: "PSN-WHO-0" });
    expect(page.totals).toEqual({ people: 3, times: 6 });
    expect(page.entries.map((e) => e.name)).toEqual(["Carol Example", "Alice Example", "Bob Example"]);
    const [c, a, b] = page.entries;
    expect(a).toMatchObject({
      role: "CLINICIAN",
      department: "Cardiology",
      firstAt: at("01T09:00:00.120"),
      lastAt: at("03T10:00:00"),
      days: 2,
      times: 3,
      denied: 0,
      actions: ["R", "U"],
      subtypes: ["read", "update"],
      purposes: ["TREAT"],
      allowed: 3,
      refused: 0,
      breakGlass: 0,
    });
    expect(b).toMatchObject({
      times: 2,
      denied: 1,
      days: 1,
      purposes: ["ETREAT", "TREAT"],
      allowed: 1,
      refused: 1,
      failed: 0,
      breakGlass: 1,
    });
    expect(c).toMatchObject({ role: "COMPLIANCE_OFFICER", department: null, actions: ["E"], purposes: ["OPERATIONS"] });
    expect(page.next).toBeNull();
    expect(page.prev).toBeNull();
  });

  it("keeps a period of whole UTC days, figures and detail alike", async () => {
    const page = (await list("from=2026-03-02&to=2026-03-03"))!;
    expect(page.totals).toEqual({ people: 2, times: 3 });
    expect(page.entries.map((e) => [e.name, e.times, e.actions.join("")])).toEqual([
      ["Alice Example", 1, "U"],
      ["Bob Example", 2, "R"],
    ]);
    expect(page.entries[0].firstAt).toEqual(at("03T10:00:00"));
    expect((await list("from=2026-03-06"))!.entries).toEqual([]);
  });

  it("pages by keyset forward and back, one person a page", async () => {
    const seen: string[] = [];
    let q = "limit=1";
    const cursors: (string | null)[] = [];
    for (let n = 0; n < 5; n++) {
      const page = (await list(q))!;
      seen.push(...page.entries.map((e) => e.name!));
      cursors.push(page.prev);
      if (!page.next) break;
      q = `limit=1&cursor=${page.next}`;
    }
    expect(seen).toEqual(["Carol Example", "Alice Example", "Bob Example"]);
    expect(cursors[0]).toBeNull();
    const back = (await list(`limit=1&cursor=${cursors[2]}`))!;
    expect(back.entries.map((e) => e.name)).toEqual(["Alice Example"]);
    const first = (await list(`limit=1&cursor=${back.prev}`))!;
    expect(first.entries.map((e) => e.name)).toEqual(["Carol Example"]);
    expect(first.prev).toBeNull();
    expect(first.next).not.toBeNull();
  });

  it("answers null for a patient not on file", async () => {
    const none = await listWhoLooked(db.prisma, {
      patientId: crypto.randomUUID(),
      query: parseWhoLookedQuery(new URLSearchParams()),
    });
    expect(none).toBeNull();
  });
});

describe("viewWhoLooked", () => {
  const actor = { id: carol, role: "COMPLIANCE_OFFICER" as const };
  const eventOf = async (requestId: string) => db.prisma.accessEvent.findMany({ where: { requestId } });

  it("records each view as an access event about the patient, parameter names only", async () => {
    const requestId = crypto.randomUUID();
    const view = await viewWhoLooked(db.prisma, {
      patientId: P,
      params: new URLSearchParams("limit=2"),
      actor,
      requestId,
    });
    expect(view?.page.entries).toHaveLength(2);
    expect(await eventOf(requestId)).toMatchObject([
      { patientId: P, outcome: "0", action: "E", purposeOfUse: "OPERATIONS", entityWhat: "AuditEvent?limit,patient" },
    ]);
    expect(await db.prisma.ledgerQueue.count({ where: { rowId: (await eventOf(requestId))[0].id } })).toBe(1);
  });

  it("refuses bad parameters with a 400 naming them, and an unknown or malformed patient with null, each recorded", async () => {
    const bad = crypto.randomUUID();
    const error = await viewWhoLooked(db.prisma, {
      patientId: P,
      params: new URLSearchParams("cursor=AAAA&limit=0&mrn=1"),
      actor,
      requestId: bad,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details?.map((d) => d.path).sort()).toEqual(["cursor", "limit", "query"]);
    expect(await eventOf(bad)).toMatchObject([{ outcome: "4", outcomeDesc: "invalid input" }]);
    for (const patientId of [crypto.randomUUID(), "not-a-uuid"]) {
      const requestId = crypto.randomUUID();
      expect(await viewWhoLooked(db.prisma, { patientId, params: new URLSearchParams(), actor, requestId })).toBeNull();
      expect(await eventOf(requestId)).toMatchObject([{ outcome: "4", patientId: null }]);
    }
  });
});
