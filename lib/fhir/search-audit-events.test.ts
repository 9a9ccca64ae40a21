import type * as fhir4 from "fhir/r4";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { recordAccessEvent, type TAccessEventInput } from "@/lib/access/record-access-event";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { searchAuditEvents } from "./search-audit-events";
import { ZAuditEventSearchResponse } from "./search-audit-events.types";
import { validateR4 } from "./testing/validate-r4";

// The route is exercised too (authentication, permission, status codes, content type), with
// the session replaced by a chosen user.
let currentUser: TCurrentUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => currentUser }));

const P1 = "3f2a7c1e-0d4b-4e6a-8b9c-1a2b3c4d5e61";
const P2 = "3f2a7c1e-0d4b-4e6a-8b9c-1a2b3c4d5e62";
const nurse = "00000000-0000-4000-8000-0000000000a1";
// mfaEnabled: compliance officers must have a second factor enrolled to use any API.
const auditor = {
  id: "00000000-0000-4000-8000-0000000000f1",
  email: "a@x.test",
  name: "A",
  role: "AUDITOR",
  department: null,
  patientId: null,
  mfaEnabled: true,
} as TCurrentUser;
let db: TTestDatabase;
let GET: (req: Request, route: { params: Promise<Record<string, string>> }) => Promise<Response>;

const ev = (i: number, patientId: string, day: string) => ({
  recorded: new Date(`${day}T10:00:${String(i % 60).padStart(2, "0")}.000Z`),
  type: "rest",
  subtype: "read",
  action: "R",
  outcome: i % 5 === 0 ? "8" : "0",
  actorId: nurse,
  actorRole: "CLINICIAN" as const,
  patientId,
  entityWhat: `Patient/${patientId}`,
  requestId: `seed-${i}`,
  purposeOfUse: "TREAT",
});

async function search(qs: string, actor: TCurrentUser = auditor): Promise<fhir4.Bundle> {
  return searchAuditEvents(db.prisma, { url: new URL(`http://hl.test/api/fhir/AuditEvent?${qs}`), actor });
}
const call = (qs: string) =>
  GET(new Request(`http://hl.test/api/fhir/AuditEvent?${qs}`), { params: Promise.resolve({}) });

beforeAll(async () => {
  db = await createTestDatabase();
  ({ GET } = await import("@/app/api/fhir/AuditEvent/route"));
  // 30 events for P1 on 1–3 March (equal timestamps on purpose, so paging must break ties), 5 for P2.
  await db.prisma.accessEvent.createMany({
    data: Array.from({ length: 30 }, (_, i) => ev(i % 10, P1, `2026-03-0${1 + (i % 3)}`)),
  });
  await db.prisma.accessEvent.createMany({ data: Array.from({ length: 5 }, (_, i) => ev(i, P2, "2026-03-02")) });
  await recordAccessEvent(db.prisma, {
    type: "110114",
    subtype: "110122",
    action: "E",
    outcome: "4",
    outcomeDesc: "wrong password; account locked",
    actorId: nurse,
    actorRole: "CLINICIAN",
    entityWhat: `User/${nurse}`,
  });
  await sealPending();
});

describe("GET /api/fhir/AuditEvent", () => {
  it("filters by patient and date range and returns a searchset of BALP AuditEvents", async () => {
    const b = await search(`patient=Patient/${P1}&date=ge2026-03-02&date=le2026-03-02`);
    expect(b).toMatchObject({ resourceType: "Bundle", type: "searchset" });
    expect(b.total).toBeUndefined();
    expect(b.entry).toHaveLength(10);
    const events = b.entry!.map((e) => e.resource as fhir4.AuditEvent);
    expect(
      events.every((e) => e.recorded.startsWith("2026-03-02") && e.entity?.[0].what?.reference === `Patient/${P1}`),
    ).toBe(true);
    expect(events.map((e) => e.recorded)).toEqual([...events.map((e) => e.recorded)].sort().reverse());
  });

  it("pages with a next link through every match exactly once, in both directions", async () => {
    for (const sort of ["-date", "date"]) {
      const seen: string[] = [];
      let url: string | undefined =
        `http://hl.test/api/fhir/AuditEvent?patient=${P1}&date=lt2026-04-01&_count=7&_sort=${sort}`;
      while (url) {
        const b: fhir4.Bundle = await searchAuditEvents(db.prisma, { url: new URL(url), actor: auditor });
        seen.push(...b.entry!.map((e) => e.resource!.id!));
        url = b.link?.find((l) => l.relation === "next")?.url;
      }
      expect(seen).toHaveLength(30);
      expect(new Set(seen).size).toBe(30);
    }
  });

  it("filters by agent and outcome, and finds lockouts with their reason and ledger index", async () => {
    expect((await search(`agent=${nurse}&outcome=8&patient=${P2}`)).entry).toHaveLength(1);
    const locked = (await search(`agent=Practitioner/${nurse}&outcome=4`)).entry!.map(
      (e) => e.resource as fhir4.AuditEvent,
    );
    expect(locked).toHaveLength(1);
    expect(locked[0]).toMatchObject({ type: { code: "110114" }, outcomeDesc: "wrong password; account locked" });
    expect(locked[0].extension?.[0]).toMatchObject({
      url: expect.stringContaining("ledger-index"),
      valueString: expect.stringMatching(/^\d+$/),
    });
  });

  it("records every consultation of the log, with parameter names and never their values", async () => {
    const before = await db.prisma.accessEvent.count({ where: { entityWhat: { startsWith: "AuditEvent" } } });
    await search(`patient=${P2}&date=ge2026-03-01`);
    await expect(search("patient=Smith")).rejects.toThrow();
    const logged = await db.prisma.accessEvent.findMany({
      where: { entityWhat: { startsWith: "AuditEvent" } },
      orderBy: { recorded: "desc" },
      take: 2,
    });
    expect(await db.prisma.accessEvent.count({ where: { entityWhat: { startsWith: "AuditEvent" } } })).toBe(before + 2);
    expect(logged.map((e) => [e.outcome, e.entityWhat, e.patientId, e.actorId, e.purposeOfUse])).toEqual([
      ["4", "AuditEvent?patient", null, auditor.id, "OPERATIONS"],
      ["0", "AuditEvent?date,patient", P2, auditor.id, "OPERATIONS"],
    ]);
    expect(JSON.stringify(logged)).not.toContain("Smith");
    // A consultation about a patient is found when that patient's events are searched.
    const about = (await search(`patient=${P2}&date=ge2026-04-01`)).entry!.map((e) => e.resource as fhir4.AuditEvent);
    expect(about[0].entity?.map((e) => e.description ?? e.what?.reference)).toEqual([
      `Patient/${P2}`,
      "AuditEvent?date,patient",
      undefined,
    ]);
  });

  it("returns Bundles and AuditEvents that an R4 validator accepts, for every kind of event we record", async () => {
    const kinds: (Pick<TAccessEventInput, "type" | "subtype" | "action" | "outcome"> & Partial<TAccessEventInput>)[] = [
      { type: "rest", subtype: "read", action: "R", outcome: "0", purposeOfUse: "ETREAT" },
      { type: "rest", subtype: "update", action: "U", outcome: "4", outcomeDesc: "denied" },
      { type: "rest", subtype: "create", action: "C", outcome: "0", entityWhat: "Bundle/import:2" },
      { type: "rest", subtype: "export", action: "E", outcome: "8", purposeOfUse: "PATIENT_REQUEST" },
      { type: "rest", subtype: "search-type", action: "E", outcome: "0", entityWhat: "Patient?by=mrn" },
      { type: "rest", subtype: "read", action: "R", outcome: "0", entityWhat: "Consent?patient=x" },
      { type: "110114", subtype: "110123", action: "E", outcome: "0", patientId: null },
      { type: "110114", subtype: "110122", action: "E", outcome: "4", actorId: null, patientId: null },
      // A type and subtype of our own, exported in urn:healthledger:audit-code.
      { type: "disclosure", subtype: "record", action: "C", outcome: "0", purposeOfUse: "LEGAL" },
    ];
    for (const [i, k] of kinds.entries())
      await recordAccessEvent(db.prisma, {
        actorId: nurse,
        actorRole: "CLINICIAN",
        network: i % 2 ? "192.0.2.7" : "2001:db8::7",
        userAgent: "Mozilla/5.0 (X11; Linux x86_64)",
        purposeOfUse: "TREAT",
        patientId: P2,
        entityWhat: `Observation/${P1}`,
        ...k,
      });
    const bundles = [
      await search(`_count=500`),
      await search(`patient=${P1}&_count=3`),
      await search(`patient=${P2}&date=2026-01-01`),
    ];
    expect(bundles.map((b) => b.entry?.length ?? 0)).toEqual([expect.any(Number), 3, 0]);
    expect(bundles[0].entry!.length).toBeGreaterThan(40);
    expect(bundles[2]).not.toHaveProperty("entry");
    for (const b of bundles) {
      expect(validateR4(b)).toEqual([]);
      for (const e of b.entry ?? []) expect(validateR4(e.resource!)).toEqual([]);
    }
    currentUser = auditor;
    const res = await call(`patient=${P2}&_count=20`);
    expect(validateR4((await res.json()) as fhir4.Bundle)).toEqual([]);
  });

  it("answers JSON that its response schema parses strictly, on every page and when nothing matches", async () => {
    currentUser = auditor;
    const issues = async (qs: string) => {
      const body = await (await call(qs)).json();
      return { body, issues: ZAuditEventSearchResponse.safeParse(body).error?.issues ?? [] };
    };
    let next: string | undefined = `patient=${P1}&_count=7`;
    let pages = 0;
    while (next) {
      const page = await issues(next);
      expect(page.issues).toEqual([]);
      next = page.body.link.find((l: { relation: string }) => l.relation === "next")?.url.split("?")[1];
      pages++;
    }
    expect(pages).toBeGreaterThan(1);
    expect((await issues(`agent=${nurse}&_count=500`)).issues).toEqual([]);
    const none = await issues(`patient=${P2}&date=2026-01-01`);
    expect(none.issues).toEqual([]);
    expect(none.body.entry).toBeUndefined();
    const { body } = await issues(`patient=${P2}&_count=1`);
    const passes = (b: unknown) => ZAuditEventSearchResponse.safeParse(b).success;
    expect(passes({ ...body, total: 1 })).toBe(false);
    expect(
      passes({ ...body, entry: [{ ...body.entry[0], resource: { ...body.entry[0].resource, query: "eA==" } }] }),
    ).toBe(false);
    const noRecorded = { ...body.entry[0].resource, recorded: undefined };
    expect(passes({ ...body, entry: [{ ...body.entry[0], resource: noRecorded }] })).toBe(false);
  });

  it("answers 401 signed out, 403 for roles without events.read, 422 listing each problem, 200 fhir+json for auditors", async () => {
    currentUser = null;
    expect((await call(`patient=${P1}`)).status).toBe(401);
    for (const role of ["CLINICIAN", "ADMIN", "PATIENT"] as const) {
      currentUser = { ...auditor, role };
      expect((await call(`patient=${P1}`)).status).toBe(403);
    }
    currentUser = auditor;
    const bad = await call("patient=x&date=tomorrow&_count=9999&_cursor=bm9wZQ");
    expect(bad.status).toBe(422);
    const details = ((await bad.json()) as { error: { details: { path: string }[] } }).error.details.map((d) => d.path);
    expect(details).toEqual(expect.arrayContaining(["patient", "date.0", "_count"]));
    const badCursor = await call(`_cursor=bm9wZQ`);
    expect(badCursor.status).toBe(422);
    for (const role of ["AUDITOR", "COMPLIANCE_OFFICER"] as const) {
      currentUser = { ...auditor, role };
      const ok = await call(`patient=${P2}&date=2026-03-02`);
      expect(ok.status).toBe(200);
      expect(ok.headers.get("content-type")).toBe("application/fhir+json");
      expect(((await ok.json()) as fhir4.Bundle).entry).toHaveLength(5);
    }
  });
});
