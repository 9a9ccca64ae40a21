import crypto from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import type { TAlertListResponse, TAlertResponse } from "./alerts-response";

// The three alert routes as a client sees them, with the session replaced by a chosen user (as
// in lib/monitor/explorer/access-events-route.test.ts).
let currentUser: TCurrentUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => currentUser }));

type TRoute<P> = (req: Request, route: { params: Promise<P> }) => Promise<Response>;
let db: TTestDatabase;
let LIST: TRoute<Record<string, string>>;
let ONE: TRoute<{ id: string }>;
let CHANGE: TRoute<{ id: string }>;
const officerId = crypto.randomUUID();
const officer2Id = crypto.randomUUID();
/** The staff member the alerts are about: escalating opens a case for them (lib/monitor/cases). */
const staffId = crypto.randomUUID();
const officer = {
  id: officerId,
  email: "o1@x.test",
  name: "Officer One",
  role: "COMPLIANCE_OFFICER",
  department: null,
  patientId: null,
  mfaEnabled: true,
} as TCurrentUser;
const alertIds = Array.from({ length: 3 }, () => crypto.randomUUID());
const eventId = crypto.randomUUID();

const list = (qs: string) =>
  LIST(new Request(`http://hl.test/api/monitor/alerts?${qs}`), { params: Promise.resolve({}) });
const one = (id: string) =>
  ONE(new Request(`http://hl.test/api/monitor/alerts/${id}`), { params: Promise.resolve({ id }) });
const change = (id: string, body: unknown, headers: Record<string, string> = {}) =>
  CHANGE(
    new Request(`http://hl.test/api/monitor/alerts/${id}/changes`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve({ id }) },
  );
const counts = async () => ({
  transitions: await db.prisma.privacyAlertTransition.count(),
  queued: await db.prisma.ledgerQueue.count({ where: { kind: "alert_transition" } }),
  alerts: await db.prisma.privacyAlert.findMany({ orderBy: { id: "asc" } }),
});

beforeAll(async () => {
  db = await createTestDatabase();
  ({ GET: LIST } = await import("@/app/api/monitor/alerts/route"));
  ({ GET: ONE } = await import("@/app/api/monitor/alerts/[id]/route"));
  ({ POST: CHANGE } = await import("@/app/api/monitor/alerts/[id]/changes/route"));
  await db.prisma.user.createMany({
    data: [
      { id: officerId, email: "o1@x.test", displayName: "Officer One", role: "COMPLIANCE_OFFICER", passwordHash: "x" },
      { id: officer2Id, email: "o2@x.test", displayName: "Officer Two", role: "COMPLIANCE_OFFICER", passwordHash: "x" },
      { id: staffId, email: "s1@x.test", displayName: "Staff One", role: "CLINICIAN", passwordHash: "x" },
    ],
  });
  await db.prisma.privacyAlert.createMany({
    data: alertIds.map((id, i) => ({
      id,
      kind: "rule",
      ruleId: "co-worker",
      ruleSetHash: "ab".repeat(32),
      severity: "medium",
      actorId: staffId,
      patientId: crypto.randomUUID(),
      day: new Date(Date.UTC(2026, 11, 1)),
      reasonCode: "patient-is-employee",
      eventIds: [eventId],
      summary: "co-worker",
      details: {},
      createdAt: new Date(Date.UTC(2026, 11, 1, 10, 0, i)),
    })),
  });
});

describe("GET /api/monitor/alerts", () => {
  it("answers 401 signed out, 403 to every other role, 400 naming each bad filter, and pages by links", async () => {
    currentUser = null;
    expect((await list("")).status).toBe(401);
    for (const role of ["CLINICIAN", "ADMIN", "AUDITOR", "PATIENT"] as const) {
      currentUser = { ...officer, role };
      expect((await list("")).status).toBe(403);
    }
    currentUser = officer;
    const bad = await list("status=maybe&limit=500&owner=bob&patient=x");
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; details: { path: string }[] } };
    expect(body.error.code).toBe("bad_request");
    expect(body.error.details.map((d) => d.path).sort()).toEqual(["limit", "owner", "query", "status"]);

    const first = (await (await list("limit=2")).json()) as TAlertListResponse;
    expect(first.data.map((a) => a.id)).toEqual([alertIds[2], alertIds[1]]);
    expect(first.data[0]).toMatchObject({ ruleId: "co-worker", status: "new", eventCount: 1, day: "2026-12-01" });
    expect(first.links.next).toMatch(/^\/api\/monitor\/alerts\?limit=2&cursor=/);
    const second = (await (await list(first.links.next!.split("?")[1]!)).json()) as TAlertListResponse;
    expect(second.data.map((a) => a.id)).toEqual([alertIds[0]]);
    expect(second.next).toBeNull();
  });
});

describe("GET /api/monitor/alerts/:id", () => {
  it("answers the alert with its cited event ids and transitions, 404 for a bad or unknown id", async () => {
    currentUser = officer;
    expect((await one("not-a-uuid")).status).toBe(404);
    expect((await one(crypto.randomUUID())).status).toBe(404);
    const res = await one(alertIds[0]!);
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as TAlertResponse;
    expect(data).toMatchObject({ id: alertIds[0], eventIds: [eventId], ruleSetHash: "ab".repeat(32), transitions: [] });
    expect(data.ruleDoc).toContain("another employee");
    expect(data).not.toHaveProperty("breakGlassId");
    currentUser = { ...officer, role: "AUDITOR" };
    expect((await one(alertIds[0]!)).status).toBe(403);
  });

  it("records each answer as a consultation about the alert's patient, anchored; a refused one records nothing", async () => {
    currentUser = officer;
    const alert = await db.prisma.privacyAlert.findUniqueOrThrow({ where: { id: alertIds[1]! } });
    const before = await db.prisma.accessEvent.count();
    expect((await one(alertIds[1]!)).status).toBe(200);
    const events = await db.prisma.accessEvent.findMany({ where: { entityWhat: `PrivacyAlert/${alert.id}` } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: officerId, patientId: alert.patientId, action: "R", outcome: "0" });
    expect(await db.prisma.ledgerQueue.count({ where: { kind: "access_event", rowId: events[0]!.id } })).toBe(1);
    expect((await one(crypto.randomUUID())).status).toBe(404);
    expect(await db.prisma.accessEvent.count()).toBe(before + 1);
  });
});

describe("POST /api/monitor/alerts/:id/changes", () => {
  it("refuses strangers, cross-site origins, bad bodies and unknown alerts, writing nothing", async () => {
    const before = await counts();
    const id = alertIds[0]!;
    currentUser = null;
    expect((await change(id, { action: "start_review" })).status).toBe(401);
    currentUser = { ...officer, role: "AUDITOR" };
    expect((await change(id, { action: "start_review" })).status).toBe(403);
    currentUser = officer;
    expect((await change(id, { action: "start_review" }, { origin: "https://evil.example" })).status).toBe(403);
    const cases: [unknown, number][] = [
      ["{not json", 400],
      [{}, 422],
      [{ action: "close" }, 422],
      [{ action: "close", reasonCode: "whatever" }, 422],
      [{ action: "set_priority", priority: 9 }, 422],
      [{ action: "assign", ownerId: "me" }, 422],
      [{ action: "start_review", pad: "x".repeat(2000) }, 413],
    ];
    for (const [body, status] of cases) {
      const res = await change(id, body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(status);
      const err = (await res.json()) as { error: { code: string; message: string } };
      expect(err.error.message.length).toBeGreaterThan(0);
    }
    const closeBody = (await (await change(id, { action: "close" })).json()) as {
      error: { details: { path: string; message: string }[] };
    };
    expect(closeBody.error.details).toEqual([{ path: "reasonCode", message: "Choose why the alert is closed." }]);
    expect((await change(crypto.randomUUID(), { action: "start_review" })).status).toBe(404);
    expect((await change("nope", { action: "start_review" })).status).toBe(404);
    // Assigning to someone who is not an active compliance officer.
    expect((await change(id, { action: "assign", ownerId: crypto.randomUUID() })).status).toBe(422);
    expect(await counts()).toEqual(before);
  });

  it("a change writes exactly one anchored transition; a refused one (a conflict) writes nothing", async () => {
    currentUser = officer;
    const id = alertIds[1]!;
    const before = await counts();
    const res = await change(id, { action: "start_review" });
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as TAlertResponse;
    expect(data).toMatchObject({ status: "under_review", ownerId: officerId, ownerName: "Officer One" });
    expect(data.transitions).toEqual([
      expect.objectContaining({ fromStatus: "new", toStatus: "under_review", byId: officerId, byName: "Officer One" }),
    ]);
    const after = await counts();
    expect(after.transitions).toBe(before.transitions + 1);
    expect(after.queued).toBe(before.queued + 1);
    const queued = await db.prisma.ledgerQueue.findFirstOrThrow({ where: { rowId: data.transitions[0]!.id } });
    expect(queued.kind).toBe("alert_transition");

    // Already under review: 409, and nothing written.
    const again = await change(id, { action: "start_review" });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { message: string } }).error.message).toBe(
      "This alert is already under review.",
    );
    expect(await counts()).toEqual(after);

    // Given to the other officer, then escalated (final): each one transition.
    expect((await change(id, { action: "assign", ownerId: officer2Id })).status).toBe(200);
    const escalated = (await (await change(id, { action: "escalate" })).json()) as TAlertResponse;
    expect(escalated.data).toMatchObject({ status: "escalated", ownerName: "Officer Two" });
    expect(escalated.data.transitions.map((t) => t.toStatus)).toEqual(["under_review", "under_review", "escalated"]);
    const final = await counts();
    expect(final.transitions).toBe(after.transitions + 2);
    expect((await change(id, { action: "close", reasonCode: "duplicate" })).status).toBe(409);
    expect(await counts()).toEqual(final);
  });
});
