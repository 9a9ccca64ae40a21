import type { Page } from "@playwright/test";
import { lookUpPatient, searchRecords } from "./fixtures/search";
import { expect, screenshot, signInViaApi, test } from "./fixtures/session";

// The demo clinician is on the care team of MRN1000001–MRN1000020 only (prisma/seed/seed-demo.ts).

async function openChart(page: Page, mrn: string) {
  await searchRecords(page, mrn);
  await page.getByRole("table", { name: "Search results" }).getByRole("link").click();
}

async function switchTo(page: Page, role: Parameters<typeof signInViaApi>[1]) {
  await page.context().clearCookies();
  await signInViaApi(page, role);
}

test.describe.serial("consent and break-glass", () => {
  test("a compliance officer's consent grant opens a chart for the clinician, and its revocation closes it", async ({
    page,
  }) => {
    await signInViaApi(page, "CLINICIAN");
    await openChart(page, "MRN1000030");
    await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();
    await expect(page.locator("main").getByRole("alert")).toContainText("not on this patient's care team");
    await screenshot(page, "consent-denied");

    await switchTo(page, "COMPLIANCE_OFFICER");
    await lookUpPatient(page, "/consents", "MRN1000030");
    await expect(page.getByText("No consent directives yet")).toBeVisible();
    await page.getByLabel("Grantee", { exact: true }).fill("nobody@healthledger.test");
    await page.getByRole("button", { name: "Record consent" }).click();
    await expect(page.locator("main").getByRole("alert")).toHaveText("No staff member has that email address.");
    await expect(page.getByLabel("Grantee", { exact: true })).toHaveValue("nobody@healthledger.test");
    await page.getByLabel("Grantee", { exact: true }).fill("clinician@healthledger.test");
    await page.getByRole("checkbox", { name: "Treatment" }).check();
    await page.getByRole("button", { name: "Record consent" }).click();
    await expect(page.getByRole("status")).toContainText("recorded and anchored");
    const consents = page.getByRole("table", { name: "Consents" });
    await expect(consents).toContainText("Dr. Jordan Reyes");
    await screenshot(page, "consent-granted");

    const fhir = await page.request.get(
      (await page.getByRole("link", { name: "Download as FHIR Consent Bundle" }).getAttribute("href")) ?? "",
    );
    const bundle = await fhir.json();
    expect(bundle.entry[0].resource).toMatchObject({
      resourceType: "Consent",
      status: "active",
      provision: { type: "permit", purpose: [{ code: "TREAT" }] },
    });

    await switchTo(page, "CLINICIAN");
    await openChart(page, "MRN1000030");
    await expect(page.getByRole("heading", { name: "Demographics" })).toBeVisible();
    await expect(page.getByText(/consent .* permits you access for TREAT/)).toBeVisible();

    await switchTo(page, "COMPLIANCE_OFFICER");
    await lookUpPatient(page, "/consents", "MRN1000030");
    await consents.getByRole("button", { name: "Revoke" }).click();
    await expect(consents).toContainText("revoked");

    await switchTo(page, "CLINICIAN");
    await openChart(page, "MRN1000030");
    await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();
  });

  test("a patient's deny shuts out even the care team until the patient revokes it", async ({ page }) => {
    await signInViaApi(page, "CLINICIAN");
    await openChart(page, "MRN1000001");
    await expect(page.getByRole("heading", { name: "Demographics" })).toBeVisible();
    const chart = page.url();

    await switchTo(page, "PATIENT");
    await page.goto("/me");
    await page.getByLabel("Provision").selectOption("deny");
    await page.getByLabel("Grantee type").selectOption("role");
    await page.getByLabel("Grantee", { exact: true }).fill("CLINICIAN");
    await page.getByRole("button", { name: "Record consent" }).click();
    await expect(page.getByRole("status")).toContainText("recorded and anchored");
    await screenshot(page, "me-consent-deny");

    // Search leaves out a patient whose deny covers the searcher; the chart itself stays shut.
    await switchTo(page, "CLINICIAN");
    await searchRecords(page, "MRN1000001");
    await expect(page.getByText("No patient matches that MRN.")).toBeVisible();
    await page.goto(chart);
    await expect(page.locator("main").getByRole("alert")).toContainText("denies you access");

    await switchTo(page, "PATIENT");
    await page.goto("/me");
    await page.getByRole("table", { name: "Consents" }).getByRole("button", { name: "Revoke" }).click();
    await expect(page.getByRole("table", { name: "Consents" })).toContainText("revoked");

    await switchTo(page, "CLINICIAN");
    await openChart(page, "MRN1000001");
    await expect(page.getByRole("heading", { name: "Demographics" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Care team" })).toContainText("Dr. Jordan Reyes");
  });

  test("break-glass needs a real reason, opens the chart flagged, and alerts compliance", async ({ page }) => {
    await signInViaApi(page, "CLINICIAN");
    await openChart(page, "MRN1000040");
    await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();
    await page.getByLabel("Reason for emergency access").fill("urgent");
    await page.getByRole("button", { name: "Declare emergency and open chart" }).click();
    await expect(page.getByText("Describe the emergency in at least 20 characters.")).toBeVisible();
    await expect(page.getByLabel("Reason for emergency access")).toHaveValue("urgent");
    await page
      .getByLabel("Reason for emergency access")
      .fill("Unconscious patient brought to the ED, allergies unknown");
    await page.getByRole("button", { name: "Declare emergency and open chart" }).click();
    await expect(page.getByRole("heading", { name: "Demographics" })).toBeVisible();
    await expect(page.locator("main").getByRole("status")).toContainText(
      "every access is flagged and reviewed by compliance",
    );
    await screenshot(page, "break-glass-chart");

    await switchTo(page, "COMPLIANCE_OFFICER");
    // The demo's history has declared break-glass too: this declaration is the newest one.
    await page.goto("/alerts?rule=break-glass-declared");
    await screenshot(page, "privacy-alerts");
    await page.getByRole("table", { name: "Privacy alerts" }).locator('a[href^="/alerts/"]').first().click();
    // The clinician's reason is staff free text: sealed under the patient's key, shown only here.
    await expect(page.locator("main")).toContainText("Unconscious patient brought to the ED, allergies unknown");
    await expect(page.locator("main")).toContainText("Dr. Jordan Reyes");
    const acknowledge = page.getByRole("form", { name: "Acknowledge alert" });
    await acknowledge.getByLabel("Note (optional)").fill("Checked with the ED charge nurse: justified");
    await acknowledge.getByRole("button", { name: "Acknowledge" }).click();
    await expect(page.locator("main")).toContainText("by Casey Compliance");
    await expect(page.locator("main")).toContainText("Note: Checked with the ED charge nurse: justified");
    // Acknowledged is closed: no triage forms any more.
    await expect(page.getByRole("form", { name: "Acknowledge alert" })).toHaveCount(0);
  });
});
