import fs from "node:fs";
import type { Page } from "@playwright/test";
import { expectNoAxeViolations } from "./fixtures/axe";
import { withDatabase } from "./fixtures/row-counts";
import { expect, screenshot, signInViaApi, test } from "./fixtures/session";

// The access explorer as a compliance officer uses it: filters, keyset pages forward and back,
// a patient found by MRN without the MRN ever entering an address, a CSV export that is itself
// an anchored access event, all of it by keyboard, and no WCAG 2.1 AA violation.

const MRN = "MRN1000007";

/** Every address the browser shows or asks for, so a test can say what never was in one. */
function recordUrls(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (r) => urls.push(r.url()));
  page.on("framenavigated", (f) => urls.push(f.url()));
  return urls;
}

const rowTexts = (page: Page) =>
  page.locator(".explorer-table tbody tr").evaluateAll((rows) => rows.map((r) => r.textContent));

async function findPatientByMrn(page: Page, mrn: string): Promise<string> {
  await page.getByLabel("Patient MRN").fill(mrn);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForURL(/patient=[0-9a-f-]{36}/);
  return /patient=([0-9a-f-]{36})/.exec(page.url())![1];
}

test("an officer finds a patient by MRN, filters and pages forward and back; no address carries the MRN", async ({
  page,
}) => {
  const urls = recordUrls(page);
  await signInViaApi(page, "COMPLIANCE_OFFICER");
  await page.goto("/explorer?limit=5");
  await expect(page.getByRole("heading", { name: "Access explorer" })).toBeVisible();
  await screenshot(page, "explorer-empty-filter");
  const patientId = await findPatientByMrn(page, MRN);
  expect(page.url()).toContain("limit=5");
  // Every view is a recorded consultation about the patient: a few views make more than a page.
  for (let i = 0; i < 6; i++) await page.reload();
  const table = page.locator(".explorer-table tbody tr");
  await expect(table).toHaveCount(5);
  await expect(page.locator(".patient-filter")).toContainText(/\S/);
  await expect(table.first()).toContainText("search-type");
  const first = await rowTexts(page);
  await screenshot(page, "explorer-filtered");

  await page.getByRole("link", { name: "Next page (older) →" }).click();
  await page.waitForURL(/cursor=/);
  const second = await rowTexts(page);
  expect(second.length).toBeGreaterThan(0);
  expect(second).not.toEqual(first);
  await screenshot(page, "explorer-page-2");
  const page2 = page.url();
  await page.getByRole("link", { name: "← Previous page (newer)" }).click();
  await page.waitForURL((u) => u.toString() !== page2);
  expect(await rowTexts(page)).toEqual(first);

  // A second filter keeps the patient and the page size and starts again from the newest.
  await page.getByLabel("Outcome").selectOption("0");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForURL(/outcome=0/);
  expect(page.url()).toContain(`patient=${patientId}`);
  expect(page.url()).not.toContain("cursor=");
  await expect(page.locator(".explorer-table tbody tr").first().getByText("Success")).toBeVisible();

  expect(urls.length).toBeGreaterThan(10);
  for (const u of urls) {
    expect(u).not.toContain(MRN);
    expect(u).not.toContain(MRN.replace("MRN", ""));
  }
});

test("the CSV export downloads the filtered events and is itself an anchored access event", async ({ page }) => {
  await signInViaApi(page, "COMPLIANCE_OFFICER");
  await page.goto("/explorer");
  const patientId = await findPatientByMrn(page, "MRN1000011");
  const exportsOf = () =>
    withDatabase(async (db) => {
      const r = await db.query<{ id: string; sealed: boolean }>(
        `SELECT e.id, EXISTS (SELECT 1 FROM "LedgerEntry" l WHERE l."rowId" = e.id AND l.kind = 'access_event') AS sealed
         FROM "AccessEvent" e WHERE e.subtype = 'export' AND e."patientId" = $1`,
        [patientId],
      );
      return r.rows;
    });
  // The demo history may hold exports about this patient already: look for the new one.
  const before = new Set((await exportsOf()).map((e) => e.id));
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: /Download CSV/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^access-events-\d{14}\.csv$/);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0].split(",").slice(0, 4)).toEqual(["recorded", "id", "type", "subtype"]);
  expect(lines.length).toBeGreaterThan(2);
  expect(lines.slice(1).every((l) => l.includes(patientId))).toBe(true);
  expect(csv).not.toContain("MRN1000011");
  // The export is recorded before its first byte, and sealed into the ledger like any access event.
  const fresh = (await exportsOf()).filter((e) => !before.has(e.id));
  expect(fresh).toHaveLength(1);
  expect(lines[1].split(",")[1]).toBe(fresh[0].id);
  await expect
    .poll(async () => (await exportsOf()).find((e) => e.id === fresh[0].id)?.sealed, { timeout: 15_000 })
    .toBe(true);
});

test("the explorer works with the keyboard alone: filter, apply, page", async ({ page }) => {
  await signInViaApi(page, "COMPLIANCE_OFFICER");
  await page.goto("/explorer?limit=3");
  // Reach each control by Tab alone, in the page's focus order.
  const tabTo = async (isTarget: string) => {
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate(`(${isTarget})(document.activeElement)`)) return;
    }
    throw new Error(`never reached by Tab: ${isTarget}`);
  };
  await tabTo(`(el) => el && el.id === "f-outcome"`);
  await page.keyboard.press("ArrowDown");
  await expect(page.locator("#f-outcome")).toHaveValue("0");
  await tabTo(`(el) => el && el.textContent === "Apply filters"`);
  await page.keyboard.press("Enter");
  await page.waitForURL(/outcome=0/);
  await expect(page.locator(".explorer-table tbody tr")).toHaveCount(3);
  await tabTo(`(el) => el && el.textContent && el.textContent.startsWith("Next page")`);
  await page.keyboard.press("Enter");
  await page.waitForURL(/cursor=/);
  expect(page.url()).toContain("outcome=0");
  expect(page.url()).toContain("limit=3");
  await expect(page.locator(".explorer-table tbody tr").first()).toBeVisible();
});

test("the explorer and the dashboard have no WCAG 2.1 AA violations", async ({ page }) => {
  await signInViaApi(page, "COMPLIANCE_OFFICER");
  await page.goto("/explorer");
  await expectNoAxeViolations(page);
  await page.goto("/explorer?outcome=denied&limit=10");
  await expectNoAxeViolations(page);
  await page.goto("/explorer?limit=oops");
  await expect(page.locator("p.alert.error")).toContainText("limit must be a whole number");
  await expectNoAxeViolations(page);
  await page.goto("/dashboard");
  await expectNoAxeViolations(page);
});

test("auditors read the explorer without MRN lookup or export; the API refuses bad input with 400", async ({
  page,
}) => {
  await signInViaApi(page, "AUDITOR");
  await page.goto("/explorer");
  await expect(page.getByRole("heading", { name: "Access explorer" })).toBeVisible();
  await expect(page.getByLabel("Patient MRN")).toHaveCount(0);
  await expect(page.getByRole("link", { name: /Download CSV/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
  const ok = await page.request.get("/api/monitor/access-events?limit=2");
  expect(ok.status()).toBe(200);
  const body = (await ok.json()) as { data: unknown[]; links: { next: string | null } };
  expect(body.data).toHaveLength(2);
  expect((await page.request.get(body.links.next!)).status()).toBe(200);
  const bad = await page.request.get("/api/monitor/access-events?cursor=AAAA&role=ROOT");
  expect(bad.status()).toBe(400);
  const err = (await bad.json()) as { error: { details: { path: string }[] } };
  expect(err.error.details.map((d) => d.path).sort()).toEqual(["cursor", "role"]);
  expect((await page.request.get("/api/monitor/access-events/export")).status()).toBe(403);
});
