import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { newAnchoredRowId } from "@/lib/ledger/anchored-row-id";
import { getLeafKind } from "@/lib/ledger/kinds";
import { leafHashOfRow } from "@/lib/ledger/leaf-hash-node";
import { exploreAccessEvents } from "./explore-access-events";
import { exportAccessEventsCsv } from "./export-access-events-csv";
import { parseExplorerFilters } from "./explorer-filters";
import { explorerWhere } from "./explorer-where";
import { explorerPageSql, listAccessEvents } from "./list-access-events";

// The explorer against a real PostgreSQL: 600 events over 40 distinct timestamps (so ties in
// time are the rule, not the exception), three staff in two departments, four patients.

let db: TTestDatabase;
const T0 = Date.UTC(2026, 2, 1, 8);
const departments = [crypto.randomUUID(), crypto.randomUUID()];
const staff = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
const patients = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
const ROLES = ["CLINICIAN", "CLINICIAN", "COMPLIANCE_OFFICER"] as const;
const DEPT_OF = ["Cardiology", "Oncology", "Cardiology"];
type TEvent = {
  id: string;
  recorded: Date;
  actorId: string | null;
  actorRole: (typeof ROLES)[number] | null;
  patientId: string | null;
  action: string;
  outcome: string;
  purposeOfUse: string | null;
};
let events: TEvent[] = [];
/** Events cited by alerts of each rule (two after-hours alerts overlap: an event counts once). */
const cited: Record<string, Set<string>> = {};

beforeAll(async () => {
  db = await createTestDatabase();
  await db.prisma.department.createMany({
    data: ["Cardiology", "Oncology"].map((name, i) => ({ id: departments[i], name, timeZone: "UTC", shifts: [] })),
  });
  await db.prisma.user.createMany({
    data: staff.map((id, i) => ({
      id,
      email: `s${i}@explorer.test`,
      displayName: `Staff ${i}`,
      role: ROLES[i],
      department: DEPT_OF[i],
      passwordHash: "x",
    })),
  });
  await db.prisma.patient.createMany({ data: patients.map((id, i) => ({ id, pseudonym: `PSN-${i}` })) });
  events = Array.from({ length: 600 }, (_, i) => {
    const a = i % 4 === 3 ? null : i % 3;
    return {
      id: newAnchoredRowId(),
      // Milliseconds too, as real events have them: a cursor must keep them.
      recorded: new Date(T0 + (i % 40) * 60_123 + (i % 3)),
      actorId: a === null ? null : staff[a],
      actorRole: a === null ? null : ROLES[a],
      patientId: i % 5 === 0 ? null : patients[i % 4],
      action: i % 6 === 0 ? "E" : "R",
      outcome: i % 7 === 0 ? "4" : i % 11 === 0 ? "8" : "0",
      purposeOfUse: i % 9 === 0 ? "ETREAT" : i % 2 ? "TREAT" : "OPERATIONS",
    };
  });
  await db.prisma.accessEvent.createMany({
    data: events.map((e) => ({ ...e, type: "rest", subtype: "read", requestId: crypto.randomUUID() })),
  });
  const ids = (keep: (i: number) => boolean) => events.filter((_, i) => keep(i)).map((e) => e.id);
  const alerts: [string, string[]][] = [
    ["after-hours", ids((i) => i % 10 === 0 && i < 400)],
    ["after-hours", ids((i) => i % 10 === 0 && i >= 300)],
    ["volume", ids((i) => i % 25 === 1)],
  ];
  await db.prisma.privacyAlert.createMany({
    data: alerts.map(([ruleId, eventIds], n) => ({
      kind: "rule",
      ruleId,
      severity: "medium",
      actorId: staff[n % 3],
      day: new Date(T0),
      reasonCode: "test",
      eventIds,
      summary: ruleId,
      details: {},
    })),
  });
  for (const [ruleId, eventIds] of alerts) cited[ruleId] = new Set([...(cited[ruleId] ?? []), ...eventIds]);
});

const order = (a: TEvent, b: TEvent) =>
  b.recorded.getTime() - a.recorded.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

async function walk(query: string, limit: number) {
  const seen: string[] = [];
  const pages: string[][] = [];
  let cursor: string | null = null;
  for (let n = 0; n < 1000; n++) {
    const params: URLSearchParams = new URLSearchParams(query);
    params.set("limit", String(limit));
    if (cursor) params.set("cursor", cursor);
    const page = await listAccessEvents(db.prisma, parseExplorerFilters(params));
    pages.push(page.rows.map((r) => r.id));
    seen.push(...page.rows.map((r) => r.id));
    if (!page.next) return { seen, pages, lastPrev: page.prev };
    cursor = page.next;
  }
  throw new Error("the walk did not end");
}

describe("listAccessEvents", () => {
  it("pages forward through every row exactly once, newest first, ties in time broken by id", async () => {
    const { seen, pages } = await walk("", 7);
    expect(seen).toEqual([...events].sort(order).map((e) => e.id));
    expect(new Set(seen).size).toBe(600);
    expect(pages.slice(0, -1).every((p) => p.length === 7)).toBe(true);
  });

  it("pages backward to the same pages, and the first page has no prev", async () => {
    const { pages } = await walk("outcome=0", 13);
    const first = await listAccessEvents(db.prisma, parseExplorerFilters(new URLSearchParams("outcome=0&limit=13")));
    expect(first.prev).toBeNull();
    // From page 3, prev twice lands on page 1.
    const p2 = await listAccessEvents(
      db.prisma,
      parseExplorerFilters(new URLSearchParams(`outcome=0&limit=13&cursor=${first.next}`)),
    );
    const p3 = await listAccessEvents(
      db.prisma,
      parseExplorerFilters(new URLSearchParams(`outcome=0&limit=13&cursor=${p2.next}`)),
    );
    const back2 = await listAccessEvents(
      db.prisma,
      parseExplorerFilters(new URLSearchParams(`outcome=0&limit=13&cursor=${p3.prev}`)),
    );
    expect(back2.rows.map((r) => r.id)).toEqual(pages[1]);
    const back1 = await listAccessEvents(
      db.prisma,
      parseExplorerFilters(new URLSearchParams(`outcome=0&limit=13&cursor=${back2.prev}`)),
    );
    expect(back1.rows.map((r) => r.id)).toEqual(pages[0]);
    expect(back1.prev).toBeNull();
    expect(back1.next).not.toBeNull();
  });

  it("combines filters exactly as their definitions say", async () => {
    const from = new Date(T0 + 10 * 60_000);
    const to = new Date(T0 + 30 * 60_000);
    const cases: [string, (e: TEvent) => boolean][] = [
      [`actor=${staff[1]}`, (e) => e.actorId === staff[1]],
      [`patient=${patients[2]}&outcome=denied`, (e) => e.patientId === patients[2] && e.outcome !== "0"],
      ["outcome=8&action=R", (e) => e.outcome === "8" && e.action === "R"],
      ["breakGlass=yes", (e) => e.purposeOfUse === "ETREAT"],
      ["breakGlass=no&purpose=TREAT", (e) => e.purposeOfUse === "TREAT"],
      ["breakGlass=no", (e) => e.purposeOfUse !== "ETREAT"],
      ["role=COMPLIANCE_OFFICER", (e) => e.actorRole === "COMPLIANCE_OFFICER"],
      [`department=${departments[0]}`, (e) => e.actorId === staff[0] || e.actorId === staff[2]],
      ["rule=after-hours", (e) => cited["after-hours"].has(e.id)],
      ["rule=after-hours&outcome=denied", (e) => cited["after-hours"].has(e.id) && e.outcome !== "0"],
      [`rule=volume&actor=${staff[0]}`, (e) => cited.volume.has(e.id) && e.actorId === staff[0]],
      [
        `from=${from.toISOString()}&to=${to.toISOString()}&department=${departments[1]}&outcome=0`,
        (e) => e.recorded >= from && e.recorded < to && e.actorId === staff[1] && e.outcome === "0",
      ],
    ];
    for (const [query, keep] of cases) {
      const expected = events
        .filter(keep)
        .sort(order)
        .map((e) => e.id);
      expect(expected.length, query).toBeGreaterThan(0);
      expect((await walk(query, 50)).seen, query).toEqual(expected);
    }
    expect((await walk(`actor=${crypto.randomUUID()}`, 50)).seen).toEqual([]);
    // A rule no alert was raised under cites nothing.
    expect((await walk("rule=bulk-export", 50)).seen).toEqual([]);
    // Keyset pages over a rule's events: small pages give the same rows in the same order.
    expect((await walk("rule=after-hours", 7)).seen).toEqual((await walk("rule=after-hours", 200)).seen);
  });

  it("joins the actor's name, role and department and the patient's pseudonym", async () => {
    const page = await listAccessEvents(
      db.prisma,
      parseExplorerFilters(new URLSearchParams(`actor=${staff[2]}&limit=1`)),
    );
    expect(page.rows[0]).toMatchObject({
      actorName: "Staff 2",
      actorRole: "COMPLIANCE_OFFICER",
      actorDepartment: "Cardiology",
      ledgerIndex: null,
    });
    const withPatient = await listAccessEvents(
      db.prisma,
      parseExplorerFilters(new URLSearchParams(`patient=${patients[3]}&limit=1`)),
    );
    expect(withPatient.rows[0].patientPseudonym).toBe("PSN-3");
  });

  it("serves a role filter from (actorRole, recorded, id), a page at any depth one range scan", async () => {
    const su = await db.superuser();
    const plan = async (qs: string) => {
      const f = parseExplorerFilters(new URLSearchParams(qs));
      const where = explorerWhere(f);
      if (f.cursor)
        where.push(
          Prisma.sql`(e.recorded, e.id) < (${f.cursor.recorded.toISOString()}::timestamp, ${f.cursor.id}::uuid)`,
        );
      const sql = explorerPageSql(where, "desc", 51);
      // 600 rows make a scan and a sort cheapest; forbid them to see which index serves the page.
      await su.query("SET enable_seqscan = off; SET enable_bitmapscan = off; SET enable_sort = off");
      const text = sql.text.replace(/\$(\d+)/g, (_, n: string) => `'${String(sql.values[Number(n) - 1])}'`);
      return (await su.query<{ "QUERY PLAN": string }>(`EXPLAIN ${text}`)).rows.map((r) => r["QUERY PLAN"]).join("\n");
    };
    try {
      await su.query(`ANALYZE "AccessEvent"`);
      const first = await listAccessEvents(db.prisma, parseExplorerFilters(new URLSearchParams("role=CLINICIAN")));
      for (const qs of ["role=COMPLIANCE_OFFICER", `role=CLINICIAN&cursor=${first.next}`]) {
        const text = await plan(qs);
        expect(text, qs).toMatch(/Index Scan Backward using "AccessEvent_actorRole_recorded_id_idx"/);
        // No row of the scan is read and thrown away (a join's "Join Filter" is not the scan's).
        expect(text, qs).not.toMatch(/^\s*Filter:/m);
      }
    } finally {
      await su.end();
    }
  });

  it("refuses a tampered cursor with a 400 naming it", async () => {
    const first = await listAccessEvents(db.prisma, parseExplorerFilters(new URLSearchParams("limit=5")));
    const tampered = Buffer.from(Buffer.from(first.next!, "base64url").toString().replace(":n:", ":x:")).toString(
      "base64url",
    );
    const error = await (async () =>
      listAccessEvents(db.prisma, parseExplorerFilters(new URLSearchParams(`cursor=${tampered}`))))().catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("bad_request");
    expect(error.details[0].path).toBe("cursor");
  });
});

describe("consultations and exports are access events", () => {
  const actor = { id: staff[2], role: "COMPLIANCE_OFFICER" as const };

  it("records a consultation with the patient filtered on and the parameter names only", async () => {
    const requestId = crypto.randomUUID();
    await exploreAccessEvents(db.prisma, {
      params: new URLSearchParams(`patient=${patients[1]}&outcome=denied`),
      actor,
      requestId,
    });
    const [e] = await db.prisma.accessEvent.findMany({ where: { requestId } });
    expect(e).toMatchObject({
      subtype: "search-type",
      outcome: "0",
      patientId: patients[1],
      entityWhat: "AuditEvent?outcome,patient",
      purposeOfUse: "OPERATIONS",
    });
    // Queued for the ledger in the same write, as the leaf of the row as stored.
    const queued = await db.prisma.ledgerQueue.findMany({ where: { rowId: e.id } });
    expect(queued).toHaveLength(1);
    expect(Buffer.from(queued[0].leafHash)).toEqual(Buffer.from(leafHashOfRow(getLeafKind("access_event"), e)));
    expect(await db.prisma.ledgerQueue.count({ where: { rowId: e.id } })).toBe(1);
    const bad = crypto.randomUUID();
    await expect(
      exploreAccessEvents(db.prisma, { params: new URLSearchParams("limit=9999"), actor, requestId: bad }),
    ).rejects.toThrow(AppError);
    expect(await db.prisma.accessEvent.findMany({ where: { requestId: bad } })).toMatchObject([
      { outcome: "4", outcomeDesc: "invalid input" },
    ]);
  });

  it("streams the filtered rows as CSV after recording the export", async () => {
    const requestId = crypto.randomUUID();
    const { stream } = await exportAccessEventsCsv(db.prisma, {
      params: new URLSearchParams(`patient=${patients[0]}&cursor=junk&limit=3`),
      actor,
      requestId,
    });
    const [recorded] = await db.prisma.accessEvent.findMany({ where: { requestId } });
    expect(recorded).toMatchObject({ subtype: "export", outcome: "0", patientId: patients[0] });
    const text = await new Response(stream).text();
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^recorded,id,type,/);
    const expected = events.filter((e) => e.patientId === patients[0]).sort(order);
    // The export itself comes first: it is the newest event about this patient.
    expect(lines.slice(1).map((l) => l.split(",")[1])).toEqual([recorded.id, ...expected.map((e) => e.id)]);
  });
});
