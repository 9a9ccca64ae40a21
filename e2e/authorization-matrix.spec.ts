// Every role against every page and API route of the running app. The table below is written
// by hand on purpose (it is the specification, not a copy of the role table), and the first
// test fails when a route exists that the table does not list, so a new route cannot ship
// without a decision about who may use it.
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { searchRecords } from "./fixtures/search";
import { expect, signInViaApi, test } from "./fixtures/session";
import type { TRole } from "./fixtures/accounts";

type TWho = "ANON" | TRole;
type TEntry = {
  kind: "page" | "api";
  method: string;
  route: string;
  allowed: TRole[] | "PUBLIC" | "SIGNED_IN";
  url?: (ids: TIds) => string;
};
type TIds = { patientId: string; userId: string };

const A = "ADMIN",
  C = "COMPLIANCE_OFFICER",
  K = "CLINICIAN",
  U = "AUDITOR",
  P = "PATIENT";
const NO_SUCH = "00000000-0000-4000-8000-000000000000";

const MATRIX: TEntry[] = [
  { kind: "page", method: "GET", route: "/", allowed: "SIGNED_IN" },
  { kind: "page", method: "GET", route: "/login", allowed: "PUBLIC" },
  { kind: "page", method: "GET", route: "/verify", allowed: "PUBLIC" },
  { kind: "page", method: "GET", route: "/mfa", allowed: "SIGNED_IN" },
  { kind: "page", method: "GET", route: "/password", allowed: "SIGNED_IN" },
  { kind: "page", method: "GET", route: "/dashboard", allowed: [C] },
  { kind: "page", method: "GET", route: "/dashboard/rules", allowed: [C] },
  { kind: "page", method: "GET", route: "/dashboard/patterns", allowed: [C] },
  { kind: "page", method: "GET", route: "/explorer", allowed: [C, U] },
  {
    kind: "page",
    method: "GET",
    route: "/explorer/users/[userId]",
    allowed: [C],
    url: (ids) => `/explorer/users/${ids.userId}`,
  },
  {
    kind: "page",
    method: "GET",
    route: "/explorer/patients/[patientId]",
    allowed: [C],
    url: (ids) => `/explorer/patients/${ids.patientId}`,
  },
  { kind: "page", method: "GET", route: "/alerts", allowed: [C] },
  { kind: "page", method: "GET", route: "/alerts/[id]", allowed: [C], url: () => `/alerts/${NO_SUCH}` },
  { kind: "page", method: "GET", route: "/cases", allowed: [C] },
  { kind: "page", method: "GET", route: "/cases/[id]", allowed: [C], url: () => `/cases/${NO_SUCH}` },
  { kind: "page", method: "GET", route: "/consents", allowed: [C] },
  { kind: "page", method: "GET", route: "/disclosures", allowed: [C] },
  { kind: "page", method: "GET", route: "/erasure", allowed: [C] },
  { kind: "page", method: "GET", route: "/regulator", allowed: [C, U] },
  { kind: "page", method: "GET", route: "/records", allowed: [K] },
  {
    kind: "page",
    method: "GET",
    route: "/records/[patientId]",
    allowed: [K],
    url: (ids) => `/records/${ids.patientId}`,
  },
  { kind: "page", method: "GET", route: "/me", allowed: [P] },
  { kind: "page", method: "GET", route: "/admin", allowed: [A] },
  { kind: "page", method: "GET", route: "/admin/history", allowed: [A] },
  { kind: "page", method: "GET", route: "/admin/ledger", allowed: [A] },
  { kind: "page", method: "GET", route: "/admin/monitoring-rules", allowed: [A] },
  { kind: "page", method: "GET", route: "/admin/new", allowed: [A] },
  { kind: "page", method: "GET", route: "/admin/users/[id]", allowed: [A], url: (ids) => `/admin/users/${ids.userId}` },

  { kind: "api", method: "GET", route: "/.well-known/healthledger/log-key", allowed: "PUBLIC" },
  { kind: "api", method: "GET", route: "/.well-known/healthledger", allowed: "PUBLIC" },
  { kind: "api", method: "GET", route: "/.well-known/healthledger/evidence-ca.pem", allowed: "PUBLIC" },
  { kind: "api", method: "GET", route: "/.well-known/healthledger/evidence-signer.pem", allowed: "PUBLIC" },
  { kind: "api", method: "GET", route: "/api/health", allowed: "PUBLIC" },
  { kind: "api", method: "GET", route: "/api/auth/[...nextauth]", allowed: "PUBLIC", url: () => "/api/auth/providers" },
  { kind: "api", method: "POST", route: "/api/auth/[...nextauth]", allowed: "PUBLIC", url: () => "/api/auth/_log" },
  { kind: "api", method: "GET", route: "/api/overview", allowed: [C] },
  { kind: "api", method: "GET", route: "/api/admin/users", allowed: [A] },
  { kind: "api", method: "POST", route: "/api/admin/users", allowed: [A] },
  {
    kind: "api",
    method: "POST",
    route: "/api/admin/users/[id]/disabled",
    allowed: [A],
    url: () => `/api/admin/users/${NO_SUCH}/disabled`,
  },
  {
    kind: "api",
    method: "POST",
    route: "/api/admin/users/[id]/role",
    allowed: [A],
    url: () => `/api/admin/users/${NO_SUCH}/role`,
  },
  {
    kind: "api",
    method: "POST",
    route: "/api/admin/users/[id]/password-reset",
    allowed: [A],
    url: () => `/api/admin/users/${NO_SUCH}/password-reset`,
  },
  {
    kind: "api",
    method: "POST",
    route: "/api/admin/users/[id]/mfa-reset",
    allowed: [A],
    url: () => `/api/admin/users/${NO_SUCH}/mfa-reset`,
  },
  {
    kind: "api",
    method: "POST",
    route: "/api/admin/account-resets/[id]/decision",
    allowed: [A],
    url: () => `/api/admin/account-resets/${NO_SUCH}/decision`,
  },
  {
    kind: "api",
    method: "POST",
    route: "/api/admin/role-changes/[id]/decision",
    allowed: [A],
    url: () => `/api/admin/role-changes/${NO_SUCH}/decision`,
  },
  { kind: "api", method: "GET", route: "/api/admin/actions", allowed: [A] },
  {
    kind: "api",
    method: "GET",
    route: "/api/erasure/[id]/certificate",
    allowed: [C],
    url: () => `/api/erasure/${NO_SUCH}/certificate`,
  },
  { kind: "api", method: "GET", route: "/api/ledger/checkpoint", allowed: [C, U] },
  { kind: "api", method: "GET", route: "/api/ledger/cosigned-checkpoint", allowed: [C, U] },
  { kind: "api", method: "GET", route: "/api/ledger/witness-policy", allowed: [C, U] },
  {
    kind: "api",
    method: "GET",
    route: "/api/ledger/tree-heads/[size]",
    allowed: [C, U],
    url: () => "/api/ledger/tree-heads/1",
  },
  {
    kind: "api",
    method: "GET",
    route: "/api/ledger/proofs/inclusion",
    allowed: [C, U],
    url: () => "/api/ledger/proofs/inclusion?index=0",
  },
  {
    kind: "api",
    method: "GET",
    route: "/api/ledger/proofs/consistency",
    allowed: [C, U],
    url: () => "/api/ledger/proofs/consistency?from=1",
  },
  { kind: "api", method: "GET", route: "/api/ledger/blocks", allowed: [C, U] },
  {
    kind: "api",
    method: "GET",
    route: "/api/ledger/blocks/[height]",
    allowed: [C, U],
    url: () => "/api/ledger/blocks/0",
  },
  { kind: "api", method: "GET", route: "/api/ledger/verification-runs", allowed: [C, U] },
  { kind: "api", method: "POST", route: "/api/ledger/verification-runs", allowed: [C, U] },
  { kind: "api", method: "POST", route: "/api/ledger/notarized-documents", allowed: [C] },
  { kind: "api", method: "POST", route: "/api/fhir", allowed: [K] },
  { kind: "api", method: "GET", route: "/api/reports", allowed: [C, U] },
  { kind: "api", method: "POST", route: "/api/reports", allowed: [C, U] },
  {
    kind: "api",
    method: "GET",
    route: "/api/reports/[id]",
    allowed: [C, U],
    url: () => `/api/reports/${NO_SUCH}`,
  },
  {
    kind: "api",
    method: "GET",
    route: "/api/reports/[id]/bundle",
    allowed: [C, U],
    url: () => `/api/reports/${NO_SUCH}/bundle`,
  },
  { kind: "api", method: "GET", route: "/api/engagements", allowed: [C, U] },
  { kind: "api", method: "POST", route: "/api/engagements", allowed: [C] },
  {
    kind: "api",
    method: "POST",
    route: "/api/engagements/[id]/revocation",
    allowed: [C],
    url: () => `/api/engagements/${NO_SUCH}/revocation`,
  },
  { kind: "api", method: "GET", route: "/api/me/reports", allowed: [P] },
  { kind: "api", method: "POST", route: "/api/me/reports", allowed: [P] },
  {
    kind: "api",
    method: "GET",
    route: "/api/me/reports/[id]",
    allowed: [P],
    url: () => `/api/me/reports/${NO_SUCH}`,
  },
  {
    kind: "api",
    method: "GET",
    route: "/api/me/reports/[id]/bundle",
    allowed: [P],
    url: () => `/api/me/reports/${NO_SUCH}/bundle`,
  },
  {
    kind: "api",
    method: "GET",
    route: "/api/fhir/Patient/[id]",
    allowed: [K],
    url: (ids) => `/api/fhir/Patient/${ids.patientId}`,
  },
  { kind: "api", method: "GET", route: "/api/fhir/Consent", allowed: [C, K, P] },
  { kind: "api", method: "GET", route: "/api/fhir/AuditEvent", allowed: [C, U] },
  { kind: "api", method: "GET", route: "/api/monitor/access-events", allowed: [C, U] },
  { kind: "api", method: "GET", route: "/api/monitor/cases", allowed: [C] },
  {
    kind: "api",
    method: "GET",
    route: "/api/monitor/cases/[id]",
    allowed: [C],
    url: () => `/api/monitor/cases/${NO_SUCH}`,
  },
  { kind: "api", method: "GET", route: "/api/monitor/access-events/export", allowed: [C] },
  { kind: "api", method: "GET", route: "/api/monitor/alerts", allowed: [C] },
  {
    kind: "api",
    method: "GET",
    route: "/api/monitor/alerts/[id]",
    allowed: [C],
    url: () => `/api/monitor/alerts/${NO_SUCH}`,
  },
  {
    kind: "api",
    method: "POST",
    route: "/api/monitor/alerts/[id]/changes",
    allowed: [C],
    url: () => `/api/monitor/alerts/${NO_SUCH}/changes`,
  },
];

const ROLES: TRole[] = [A, C, K, U, P];

/** URL pattern and HTTP methods of every page.tsx and route.ts under app/ (route groups dropped). */
function discoverRoutes(): { kind: "page" | "api"; method: string; route: string }[] {
  const found: { kind: "page" | "api"; method: string; route: string }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name === "page.tsx" || e.name === "route.ts") {
        const segs = path
          .relative("app", dir)
          .split(path.sep)
          .filter((s) => s && !/^\(.*\)$/.test(s));
        const route = `/${segs.join("/")}`;
        if (e.name === "page.tsx") found.push({ kind: "page", method: "GET", route });
        else {
          const src = fs.readFileSync(full, "utf8");
          for (const m of src.matchAll(
            /export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b|export\s*\{[^}]*\bas\s+(GET|POST)\b/g,
          )) {
            found.push({ kind: "api", method: m[1] ?? m[2], route });
          }
          for (const m of src.matchAll(/export\s*\{\s*handler as (GET), handler as (POST)\s*\}/g)) {
            found.push({ kind: "api", method: m[1], route }, { kind: "api", method: m[2], route });
          }
        }
      }
    }
  };
  walk("app");
  const key = (r: { kind: string; method: string; route: string }) => `${r.kind} ${r.method} ${r.route}`;
  return [...new Map(found.map((r) => [key(r), r])).values()];
}

async function sessionFor(browser: Browser, who: TWho): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  if (who !== "ANON") await signInViaApi(page, who);
  return page;
}

test.describe("authorization matrix", () => {
  test("every page and API route of the app is in the matrix, and nothing else", () => {
    const key = (r: { kind: string; method: string; route: string }) => `${r.kind} ${r.method} ${r.route}`;
    expect(discoverRoutes().map(key).sort()).toEqual(MATRIX.map(key).sort());
  });

  test("every role gets exactly the access the matrix gives it", async ({ browser }) => {
    test.setTimeout(180_000);
    const clinician = await sessionFor(browser, K);
    await searchRecords(clinician, "MRN1000001");
    const href = await clinician.locator('main a[href^="/records/"]').first().getAttribute("href");
    const patientId = href!.split("/").pop()!.split("?")[0];
    const ids: TIds = { patientId, userId: NO_SUCH };

    const problems: string[] = [];
    for (const who of ["ANON", ...ROLES] as TWho[]) {
      const page = who === K ? clinician : await sessionFor(browser, who);
      for (const entry of MATRIX) {
        if (entry.route === "/api/auth/[...nextauth]") continue; // next-auth's own endpoints
        const url = entry.url ? entry.url(ids) : entry.route;
        const res =
          entry.method === "GET"
            ? await page.request.get(url, { maxRedirects: 0 })
            : await page.request.post(url, { data: {}, maxRedirects: 0 });
        const status = res.status();
        const allowed =
          entry.allowed === "PUBLIC" ||
          (who !== "ANON" && (entry.allowed === "SIGNED_IN" || entry.allowed.includes(who)));
        const toLogin = status >= 300 && status < 400 && /\/login/.test(res.headers()["location"] ?? "");
        let ok: boolean;
        if (allowed) ok = status < 500 && status !== 401 && status !== 403 && !toLogin;
        else if (who === "ANON") ok = entry.kind === "page" ? toLogin : status === 401;
        else ok = status === 403;
        if (!ok)
          problems.push(
            `${who} ${entry.method} ${url} → ${status}${toLogin ? " (to /login)" : ""}, expected ${allowed ? "access" : who === "ANON" ? "sign-in" : "403"}`,
          );
      }
    }
    expect(problems).toEqual([]);
  });
});
