import crypto from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { getPrisma } from "@/lib/db/prisma";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { DASHBOARD_MAX_AGE_MS, DASHBOARD_REFRESH_MS } from "./read-dashboard-figures";

// GET /api/overview as a client sees it, with the session replaced by a chosen user (as in
// lib/monitor/explorer/access-events-route.test.ts): the figures are shared for a few seconds,
// but never with a reader the route would refuse, and never older than DASHBOARD_MAX_AGE_MS.
let currentUser: TCurrentUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => currentUser }));

type TRoute = (req: Request, route: { params: Promise<Record<string, string>> }) => Promise<Response>;
let db: TTestDatabase;
let GET: TRoute;
const officer = (n: number) =>
  ({
    id: crypto.randomUUID(),
    email: `c${n}@x.test`,
    name: `Officer ${n}`,
    role: "COMPLIANCE_OFFICER",
    department: null,
    patientId: null,
    mfaEnabled: true,
  }) as TCurrentUser;

beforeAll(async () => {
  db = await createTestDatabase();
  ({ GET } = await import("@/app/api/overview/route"));
});
afterAll(() => vi.useRealTimers());
afterEach(() => vi.useRealTimers());

const call = async () => GET(new Request("http://hl.test/api/overview"), { params: Promise.resolve({}) });
const addStaff = (n: number) =>
  db.prisma.user.createMany({
    data: Array.from({ length: n }, () => ({
      email: `${crypto.randomUUID()}@staff.test`,
      displayName: "Staff",
      role: "CLINICIAN" as const,
      passwordHash: "x",
    })),
  });

describe("GET /api/overview (shared figures)", () => {
  it("refuses readers without dashboard.read even while the figures are kept", async () => {
    currentUser = officer(1);
    expect((await call()).status).toBe(200);
    currentUser = null;
    expect((await call()).status).toBe(401);
    for (const role of ["CLINICIAN", "AUDITOR", "ADMIN", "PATIENT"] as const) {
      currentUser = { ...officer(2), role };
      const res = await call();
      expect(res.status).toBe(403);
      expect(JSON.stringify(await res.json())).not.toMatch(/"staff"|"events"/);
    }
  });

  it("answers every officer with the same figures, read again after DASHBOARD_REFRESH_MS", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 60_000 });
    currentUser = officer(3);
    const first = await (await call()).json();
    await addStaff(3);
    vi.advanceTimersByTime(DASHBOARD_REFRESH_MS - 1);
    currentUser = officer(4);
    const kept = await (await call()).json();
    // Another officer, the same office-wide figures, read once: nothing in them names who asked.
    expect(kept).toEqual(first);
    expect(JSON.stringify(kept)).not.toContain("Officer 4");
    vi.advanceTimersByTime(1);
    // This call still gets the kept figures and starts reading them again; the next ones get those.
    expect(await (await call()).json()).toEqual(first);
    await vi.waitFor(async () => expect((await (await call()).json()).staff).toBe(first.staff + 3));
    const next = await (await call()).json();
    expect(Date.parse(next.computedAt) - Date.parse(first.computedAt)).toBe(DASHBOARD_REFRESH_MS);
  });

  it("never answers with figures older than DASHBOARD_MAX_AGE_MS", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 90_000 });
    currentUser = officer(6);
    const first = await (await call()).json();
    await addStaff(2);
    vi.advanceTimersByTime(DASHBOARD_MAX_AGE_MS);
    const next = await (await call()).json();
    expect(next.staff).toBe(first.staff + 2);
    expect(Date.parse(next.computedAt) - Date.parse(first.computedAt)).toBe(DASHBOARD_MAX_AGE_MS);
  });

  it("reads the figures once for many concurrent requests", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 120_000 });
    currentUser = officer(5);
    // The route's own client (getPrisma, on this file's database): one count of staff per reading.
    const spy = vi.spyOn(getPrisma().user, "count");
    const bodies = await Promise.all(Array.from({ length: 20 }, async () => (await call()).json()));
    expect(new Set(bodies.map((b) => b.computedAt)).size).toBe(1);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });
});
