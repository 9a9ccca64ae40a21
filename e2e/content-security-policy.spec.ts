// Every page of the app, each as a role that may see it: the CSP carries a fresh nonce per
// response and allows no inline or eval'd script, the browser reports no violation, and the page
// hydrates (so Next's own scripts carry the nonce). Then an injected inline script is shown not
// to run, and HSTS is shown to follow the configured public URL, not a request header.
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { HOME, type TRole } from "./fixtures/accounts";
import { anyCasePath } from "./fixtures/cases";
import { searchRecords } from "./fixtures/search";
import { expect, signInViaApi, test } from "./fixtures/session";

type TVisit = { route: string; url?: string };
type THasHeaders = { headers(): Record<string, string> } | null;

/** The app's page routes, from app/ (route groups dropped), so a new page cannot go unchecked. */
function pageRoutes(dir = "app", prefix = ""): string[] {
  const routes: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isFile() && e.name === "page.tsx") routes.push(prefix || "/");
    if (e.isDirectory()) routes.push(...pageRoutes(full, /^\(.*\)$/.test(e.name) ? prefix : `${prefix}/${e.name}`));
  }
  return routes;
}

const VISITS: Record<
  TRole,
  (ids: { patientId: string; userId: string; alertId: string; casePath: string }) => TVisit[]
> = {
  ADMIN: (ids) => [
    { route: "/admin" },
    { route: "/admin/history" },
    { route: "/admin/ledger" },
    { route: "/admin/monitoring-rules" },
    { route: "/admin/new" },
    { route: "/admin/users/[id]", url: `/admin/users/${ids.userId}` },
    { route: "/password" },
  ],
  COMPLIANCE_OFFICER: (ids) => [
    { route: "/" },
    { route: "/dashboard" },
    { route: "/dashboard/patterns" },
    { route: "/dashboard/rules" },
    { route: "/explorer" },
    { route: "/explorer/users/[userId]", url: `/explorer/users/${ids.userId}` },
    { route: "/explorer/patients/[patientId]", url: `/explorer/patients/${ids.patientId}` },
    { route: "/alerts" },
    { route: "/alerts/[id]", url: `/alerts/${ids.alertId}` },
    { route: "/cases" },
    { route: "/cases/[id]", url: ids.casePath },
    { route: "/consents" },
    { route: "/disclosures" },
    { route: "/erasure" },
    { route: "/mfa" },
  ],
  CLINICIAN: (ids) => [{ route: "/records" }, { route: "/records/[patientId]", url: `/records/${ids.patientId}` }],
  AUDITOR: () => [{ route: "/regulator" }],
  PATIENT: () => [{ route: "/me" }],
};

/** Violations and console errors the page reports, collected from before its first script. */
async function watchCsp(page: Page) {
  const problems: string[] = [];
  await page.exposeFunction("reportCspViolation", (v: string) => problems.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { reportCspViolation: (v: string) => void }).reportCspViolation(
        `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} in ${e.documentURI}`,
      );
    });
  });
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/i.test(m.text())) problems.push(m.text());
  });
  return problems;
}

function directives(res: THasHeaders): Map<string, string[]> {
  const csp = res?.headers()["content-security-policy"] ?? "";
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

function scriptNonce(res: THasHeaders): string | undefined {
  const sources = directives(res).get("script-src") ?? [];
  return sources.map((s) => /^'nonce-([A-Za-z0-9+/=]+)'$/.exec(s)?.[1]).find(Boolean);
}

/** React hydrated the page: the heading's DOM node carries React's fiber, set only by hydration. */
async function expectHydrated(page: Page) {
  await expect
    .poll(() =>
      page.evaluate(() => Object.keys(document.querySelector("h1") ?? {}).some((k) => k.startsWith("__reactFiber$"))),
    )
    .toBe(true);
}

async function signedIn(browser: Browser, role: TRole) {
  const page = await (await browser.newContext()).newPage();
  const problems = await watchCsp(page);
  await signInViaApi(page, role);
  return { page, problems };
}

test("every page sends a nonce-based CSP, fresh per response, that its own scripts satisfy", async ({ browser }) => {
  test.setTimeout(240_000);
  const clinician = await signedIn(browser, "CLINICIAN");
  await searchRecords(clinician.page, "MRN1000001");
  const href = await clinician.page.locator('main a[href^="/records/"]').first().getAttribute("href");
  const admin = await signedIn(browser, "ADMIN");
  await admin.page.goto("/admin");
  const userHref = await admin.page.locator('main a[href^="/admin/users/"]').first().getAttribute("href");
  // The demo history raises alerts on first start: any one of them opens the alert page.
  const officer = await signedIn(browser, "COMPLIANCE_OFFICER");
  await officer.page.goto("/alerts?status=all");
  const alertHref = await officer.page.locator('main a[href^="/alerts/"]').first().getAttribute("href");
  const ids = {
    patientId: href!.split("/").pop()!.split("?")[0]!,
    userId: userHref!.split("/").pop()!,
    alertId: alertHref!.split("/").pop()!,
    casePath: await anyCasePath(officer.page),
  };

  const anon = await (await browser.newContext()).newPage();
  const sessions = { ANON: { page: anon, problems: await watchCsp(anon) } } as Record<
    TRole | "ANON",
    { page: Page; problems: string[] }
  >;
  sessions.CLINICIAN = clinician;
  sessions.ADMIN = admin;
  sessions.COMPLIANCE_OFFICER = officer;
  const plan: [TRole | "ANON", TVisit[]][] = [["ANON", [{ route: "/login" }, { route: "/verify" }]]];
  for (const role of Object.keys(VISITS) as TRole[]) plan.push([role, VISITS[role](ids)]);
  expect(plan.flatMap(([, v]) => v.map((x) => x.route)).sort()).toEqual(pageRoutes().sort());

  const nonces = new Set<string>();
  for (const [who, visits] of plan) {
    sessions[who] ??= await signedIn(browser, who as TRole);
    const { page, problems } = sessions[who];
    for (const visit of visits) {
      const res = await page.goto(visit.url ?? visit.route);
      expect(res?.status(), visit.route).toBeLessThan(400);
      const scriptSrc = directives(res).get("script-src") ?? [];
      expect(scriptSrc, visit.route).not.toContain("'unsafe-inline'");
      expect(scriptSrc, visit.route).not.toContain("'unsafe-eval'");
      expect(scriptSrc, visit.route).toContain("'strict-dynamic'");
      const nonce = scriptNonce(res);
      expect(nonce, `${visit.route}: no nonce in script-src`).toBeTruthy();
      expect(Buffer.from(nonce!, "base64").length, visit.route).toBeGreaterThanOrEqual(16);
      expect(nonces.has(nonce!), `${visit.route}: nonce reused`).toBe(false);
      nonces.add(nonce!);
      await expectHydrated(page);
      expect(problems, visit.route).toEqual([]);
    }
  }

  // A client interaction on the hydrated pages: the chart draws and sign-out (an onClick) works.
  await sessions.COMPLIANCE_OFFICER.page.goto("/dashboard");
  await expect(sessions.COMPLIANCE_OFFICER.page.locator(".recharts-bar-rectangle").first()).toBeVisible();
  for (const who of Object.keys(VISITS) as TRole[]) {
    const { page, problems } = sessions[who];
    await page.goto(HOME[who].path);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    expect(problems, who).toEqual([]);
  }
});

test("an injected inline script does not run, while the page's own nonce still works", async ({ page }) => {
  const problems = await watchCsp(page);
  // As a stored XSS would: markup in the HTML the server sent, without the nonce (or with a guess).
  await page.route("**/login", async (route) => {
    const res = await route.fetch();
    const nonce = scriptNonce(res);
    const html = (await res.text()).replace(
      "</body>",
      `<script>window.injected = "plain"</script>` +
        `<script nonce="bm90LXRoZS1ub25jZQ==">window.injected = "guessed"</script>` +
        `<img src="x" onerror="window.injected = 'handler'">` +
        `<script nonce="${nonce}">window.withNonce = true</script></body>`,
    );
    await route.fulfill({ response: res, body: html });
  });
  await page.goto("/login");
  await expectHydrated(page);
  // The control: a script carrying this response's nonce runs, so the others were refused by the CSP.
  expect(await page.evaluate(() => (window as unknown as { withNonce?: boolean }).withNonce)).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { injected?: string }).injected)).toBeUndefined();
  await expect.poll(() => problems.filter((p) => p.startsWith("script-src")).length).toBeGreaterThanOrEqual(3);
});

test("API routes get a CSP that allows nothing; HSTS follows the public URL, not x-forwarded-proto", async ({
  request,
}) => {
  const api = await request.get("/api/auth/providers");
  expect(api.headers()["content-security-policy"]).toMatch(/default-src 'none'/);
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  // The browser tests serve http://localhost: no HSTS, whatever a client claims the scheme was.
  for (const url of ["/login", "/api/auth/providers"]) {
    const res = await request.get(url, { headers: { "x-forwarded-proto": "https" } });
    expect(res.headers()["strict-transport-security"], url).toBeUndefined();
  }
});
