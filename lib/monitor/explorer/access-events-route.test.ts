import crypto from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import type { TExplorerResponse } from "./explorer-response";

// The two routes as a client sees them (status codes, content types, links), with the session
// replaced by a chosen user, as in lib/fhir/search-audit-events.test.ts.
let currentUser: TCurrentUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => currentUser }));

type TRoute = (req: Request, route: { params: Promise<Record<string, string>> }) => Promise<Response>;
let db: TTestDatabase;
let GET: TRoute;
let EXPORT: TRoute;
const officer = {
  id: crypto.randomUUID(),
  email: "c@x.test",
  name: "C",
  role: "COMPLIANCE_OFFICER",
  department: null,
  patientId: null,
  mfaEnabled: true,
} as TCurrentUser;
const P = crypto.randomUUID();

beforeAll(async () => {
  db = await createTestDatabase();
  ({ GET } = await import("@/app/api/monitor/access-events/route"));
  ({ GET: EXPORT } = await import("@/app/api/monitor/access-events/export/route"));
  await db.prisma.accessEvent.createMany({
    data: Array.from({ length: 5 }, (_, i) => ({
      recorded: new Date(Date.UTC(2026, 2, 1, 9, 0, i % 2)),
      type: "rest",
      subtype: "read",
      action: "R",
      outcome: "0",
      patientId: P,
      // A formula where a name could be: the CSV must defuse it.
      entityWhat: i === 0 ? '=HYPERLINK("http://evil.test")' : `Patient/${P}`,
      requestId: crypto.randomUUID(),
    })),
  });
});

const call = (route: TRoute, qs: string) =>
  route(new Request(`http://hl.test/api/monitor/access-events?${qs}`), { params: Promise.resolve({}) });

describe("GET /api/monitor/access-events", () => {
  it("answers 401, 403, 400 with every bad parameter, and pages by links", async () => {
    currentUser = null;
    expect((await call(GET, "")).status).toBe(401);
    for (const role of ["CLINICIAN", "ADMIN", "PATIENT"] as const) {
      currentUser = { ...officer, role };
      expect((await call(GET, "")).status).toBe(403);
    }
    currentUser = officer;
    const bad = await call(GET, "patient=x&limit=500&cursor=bm9wZQ&mrn=MRN1");
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; details: { path: string }[] } };
    expect(body.error.code).toBe("bad_request");
    expect(body.error.details.map((d) => d.path)).toEqual(expect.arrayContaining(["patient", "limit", "query"]));
    expect((await call(GET, "cursor=bm9wZQ")).status).toBe(400);
    for (const role of ["AUDITOR", "COMPLIANCE_OFFICER"] as const) {
      currentUser = { ...officer, role };
      // Up to 2 March: the consultations this test records (about P, today) stay out of the pages.
      const first = await call(GET, `patient=${P}&to=2026-03-02&limit=3`);
      expect(first.status).toBe(200);
      const page = (await first.json()) as TExplorerResponse;
      expect(page.data).toHaveLength(3);
      expect(page.prev).toBeNull();
      expect(page.links.next).toMatch(
        new RegExp(`^/api/monitor/access-events\\?patient=${P}&to=2026-03-02&limit=3&cursor=`),
      );
      const second = (await (await call(GET, page.links.next!.split("?")[1])).json()) as TExplorerResponse;
      expect(second.data).toHaveLength(2);
      expect(second.next).toBeNull();
      expect(new Set([...page.data, ...second.data].map((r) => r.id)).size).toBe(5);
    }
  });
});

describe("GET /api/monitor/access-events/export", () => {
  it("is the compliance officer's only, and defuses formulas", async () => {
    currentUser = { ...officer, role: "AUDITOR" };
    expect((await call(EXPORT, "")).status).toBe(403);
    currentUser = officer;
    expect((await call(EXPORT, "role=ROOT")).status).toBe(400);
    const res = await call(EXPORT, `patient=${P}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="access-events-\d{14}\.csv"$/);
    const csv = await res.text();
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.test"")"`);
    expect(csv).not.toMatch(/,=HYPERLINK/);
  });
});
