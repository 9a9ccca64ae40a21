import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { parseAlertQueueFilters } from "./alert-queue-filters";
import { alertQueueWhere, listAlertQueue, type TAlertQueueRow } from "./list-alert-queue";

let db: TTestDatabase;
const officer = crypto.randomUUID();
const officer2 = crypto.randomUUID();
const actorA = crypto.randomUUID();
const actorB = crypto.randomUUID();
/** Seven alerts raised at one instant (one rules batch), three earlier ones, two later ones. */
const TIE = new Date(Date.UTC(2026, 10, 20, 9, 30, 0));
type TSeed = { at: Date; status: string; severity: string; ruleId: string; actorId: string; ownerId: string | null };
const seeds: TSeed[] = [
  ...Array.from({ length: 7 }, (_, i) => ({
    at: TIE,
    status: ["new", "under_review", "closed", "escalated"][i % 4]!,
    severity: i % 2 ? "high" : "medium",
    ruleId: i % 3 ? "co-worker" : "after-hours",
    actorId: i % 2 ? actorA : actorB,
    ownerId: i % 4 === 1 ? officer : i === 2 ? officer2 : null,
  })),
  ...Array.from({ length: 3 }, (_, i) => ({
    at: new Date(TIE.getTime() - (i + 1) * 60_000),
    status: "new",
    severity: "critical",
    ruleId: "vip",
    actorId: actorA,
    ownerId: null,
  })),
  ...Array.from({ length: 2 }, (_, i) => ({
    at: new Date(TIE.getTime() + (i + 1) * 1000),
    status: "under_review",
    severity: "low",
    ruleId: "volume",
    actorId: actorB,
    ownerId: officer,
  })),
];
const ids = seeds.map(() => crypto.randomUUID());
/** Newest first; ids break the ties, as the queue orders them. */
const order = (keep: (s: TSeed) => boolean) =>
  seeds
    .map((s, i) => ({ ...s, id: ids[i]! }))
    .filter(keep)
    .sort((x, y) => y.at.getTime() - x.at.getTime() || (x.id < y.id ? 1 : -1))
    .map((x) => x.id);

const filters = (qs: string) => parseAlertQueueFilters(new URLSearchParams(qs));
const list = (qs: string, viewerId: string = officer) => listAlertQueue(db.prisma, { filters: filters(qs), viewerId });

/** Every id of a filter, page by page through `next`, checking each page's `prev` leads back. */
async function walk(qs: string): Promise<string[]> {
  const seen: string[] = [];
  let page = await list(qs);
  expect(page.prev).toBeNull();
  const pages: TAlertQueueRow[][] = [];
  for (;;) {
    pages.push(page.rows);
    seen.push(...page.rows.map((r) => r.id));
    if (!page.next) break;
    const next = await list(`${qs}&cursor=${page.next}`);
    expect(next.prev).not.toBeNull();
    const back = await list(`${qs}&cursor=${next.prev}`);
    expect(back.rows.map((r) => r.id)).toEqual(page.rows.map((r) => r.id));
    page = next;
  }
  return seen;
}

beforeAll(async () => {
  db = await createTestDatabase();
  await db.prisma.user.createMany({
    data: [
      { id: officer, email: "o1@x.test", displayName: "Officer One", role: "COMPLIANCE_OFFICER", passwordHash: "x" },
      { id: officer2, email: "o2@x.test", displayName: "Officer Two", role: "COMPLIANCE_OFFICER", passwordHash: "x" },
      { id: actorA, email: "a@x.test", displayName: "Actor A", role: "CLINICIAN", passwordHash: "x" },
      { id: actorB, email: "b@x.test", displayName: "Actor B", role: "CLINICIAN", passwordHash: "x" },
    ],
  });
  await db.prisma.privacyAlert.createMany({
    data: seeds.map((s, i) => ({
      id: ids[i],
      kind: "rule",
      ruleId: s.ruleId,
      severity: s.severity,
      actorId: s.actorId,
      // One patient each: a finding is stored once per (rule, actor, patient, day).
      patientId: crypto.randomUUID(),
      day: new Date(Date.UTC(2026, 10, 20)),
      reasonCode: `${s.ruleId}-${i}`,
      eventIds: [crypto.randomUUID(), crypto.randomUUID()],
      status: s.status,
      ownerId: s.ownerId,
      summary: s.ruleId,
      details: {},
      createdAt: s.at,
    })),
  });
});

describe("listAlertQueue", () => {
  it("pages through every open alert newest first, ties on createdAt broken by id, at every page size", async () => {
    const open = order((s) => s.status === "new" || s.status === "under_review");
    for (const limit of [1, 2, 3, 5, 50]) expect(await walk(`limit=${limit}`)).toEqual(open);
    const first = await list("limit=2");
    expect(first.rows[0]).toMatchObject({ ownerName: "Officer One", actorName: "Actor B", eventCount: 2 });
    expect(first.rows[0]!.day).toBe("2026-11-20");
  });

  it("keeps a page boundary inside a run of equal times exact: no alert lost, none twice", async () => {
    const all = order(() => true);
    const seen = await walk("status=all&limit=4");
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seeds.length);
    // The boundary after the 2 later alerts and 2 of the 7 tied ones falls between equal times.
    const page1 = await list("status=all&limit=4");
    expect(page1.rows.at(-1)!.createdAt).toEqual(TIE);
    const page2 = await list(`status=all&limit=4&cursor=${page1.next}`);
    expect(page2.rows[0]!.createdAt).toEqual(TIE);
  });

  it("filters by status, severity, rule, owner (me, unassigned, an officer) and actor, combined", async () => {
    const cases: [string, (s: TSeed) => boolean, string?][] = [
      ["status=closed", (s) => s.status === "closed"],
      ["status=escalated", (s) => s.status === "escalated"],
      ["status=new&severity=critical", (s) => s.status === "new" && s.severity === "critical"],
      ["status=all&rule=co-worker", (s) => s.ruleId === "co-worker"],
      ["owner=me", (s) => s.ownerId === officer && ["new", "under_review"].includes(s.status)],
      ["owner=me&status=all", (s) => s.ownerId === officer2, officer2],
      ["owner=unassigned", (s) => s.ownerId === null && ["new", "under_review"].includes(s.status)],
      [`status=all&owner=${officer2}`, (s) => s.ownerId === officer2],
      [`status=all&actor=${actorA}&severity=high`, (s) => s.actorId === actorA && s.severity === "high"],
    ];
    for (const [qs, keep, viewer] of cases) {
      const page = await list(`${qs}&limit=200`, viewer);
      expect(
        page.rows.map((r) => r.id),
        qs,
      ).toEqual(order(keep));
      expect(page.next, qs).toBeNull();
    }
    expect((await list(`actor=${crypto.randomUUID()}`)).rows).toEqual([]);
  });

  it("serves the open queue from its partial index and one status from (status, createdAt, id)", async () => {
    const su = await db.superuser();
    const plan = async (qs: string) => {
      const where = alertQueueWhere(filters(qs), officer);
      const sql = Prisma.sql`EXPLAIN SELECT * FROM "PrivacyAlert" a WHERE ${Prisma.join(where, " AND ")}
        ORDER BY a."createdAt" DESC, a.id DESC LIMIT 51`;
      // Twelve rows make a scan and a sort cheapest; forbid them to see which index serves the order.
      await su.query("SET enable_seqscan = off; SET enable_bitmapscan = off; SET enable_sort = off");
      const text = sql.text.replace(/\$(\d+)/g, (_, n: string) => `'${String(sql.values[Number(n) - 1])}'`);
      const rows = (await su.query<{ "QUERY PLAN": string }>(text)).rows.map((r) => r["QUERY PLAN"]);
      return rows.join("\n");
    };
    expect(await plan("")).toMatch(/Index Scan Backward using "PrivacyAlert_open_createdAt_id_idx"/);
    expect(await plan("status=closed")).toMatch(/Index Scan Backward using "PrivacyAlert_status_createdAt_id_idx"/);
    expect(await plan(`status=all&actor=${actorA}`)).toMatch(/"PrivacyAlert_actorId_createdAt_id_idx"/);
  });
});

describe("parseAlertQueueFilters", () => {
  it("refuses bad values, repeats and unknown parameters with 400 naming each", () => {
    const problem = (qs: string) => {
      try {
        parseAlertQueueFilters(new URLSearchParams(qs));
      } catch (error) {
        return (error as { code: string; details: { path: string }[] }).details.map((d) => d.path);
      }
      return [];
    };
    expect(problem("status=maybe&severity=urgent&rule=nope&owner=bob&actor=1&limit=0&cursor=x&mrn=1")).toEqual(
      expect.arrayContaining(["status", "severity", "rule", "owner", "actor", "limit", "cursor", "query"]),
    );
    expect(problem("status=new&status=closed")).toEqual(["status"]);
    expect(problem("limit=201")).toEqual(["limit"]);
    expect(filters("status=&owner=")).toMatchObject({ status: "open", limit: 50 });
    expect(filters("rule=break-glass-declared&owner=unassigned").rule).toBe("break-glass-declared");
  });
});
