import type { TRole } from "./fixtures/accounts";
import { expectNoAxeViolations } from "./fixtures/axe";
import { expect, signInViaApi, test } from "./fixtures/session";

// Every page of the privacy office's monitoring, and the rule settings, against WCAG 2.1 AA
// (axe), as each role that may open it sees it. The explorer and the dashboard have their own
// checks in explorer.spec.ts, in their filtered and paged states too; a case page is checked in
// cases.spec.ts, once the case exists.
const PAGES: { role: TRole; path: string; heading: string }[] = [
  { role: "COMPLIANCE_OFFICER", path: "/dashboard/patterns", heading: "Activity patterns" },
  { role: "COMPLIANCE_OFFICER", path: "/dashboard/rules", heading: "Monitoring rules" },
  { role: "COMPLIANCE_OFFICER", path: "/alerts", heading: "Privacy alerts" },
  { role: "COMPLIANCE_OFFICER", path: "/cases", heading: "Privacy cases" },
  { role: "ADMIN", path: "/admin/monitoring-rules", heading: "Monitoring rules" },
];

for (const { role, path, heading } of PAGES) {
  test(`${path} has no WCAG 2.1 AA violation (${role})`, async ({ page }) => {
    await signInViaApi(page, role);
    await page.goto(path);
    await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);
  });
}

test("an open alert's page, with its triage forms, and the closed queue have no WCAG 2.1 AA violation", async ({
  page,
}) => {
  await signInViaApi(page, "COMPLIANCE_OFFICER");
  await page.goto("/alerts?status=new");
  const link = page.getByRole("table", { name: "Privacy alerts" }).locator('a[href^="/alerts/"]').first();
  await link.click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Alert:");
  await expectNoAxeViolations(page);
  await page.goto("/alerts?status=closed");
  await expectNoAxeViolations(page);
});

test("a staff member's card and a patient's who-looked page have no WCAG 2.1 AA violation", async ({ page }) => {
  await signInViaApi(page, "COMPLIANCE_OFFICER");
  await page.goto("/explorer?role=CLINICIAN&action=R&limit=5");
  const row = page.locator(".explorer-table tbody tr").first();
  const userHref = await row.locator('a[href^="/explorer/users/"]').first().getAttribute("href");
  const patientHref = await row.locator('a[href^="/explorer/patients/"]').first().getAttribute("href");
  for (const href of [userHref!, patientHref!]) {
    await page.goto(href);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);
  }
});
