// Issuing a signed report end to end, through the regulator portal: a compliance officer grants
// the auditor an audit engagement, the auditor runs a verification, issues an integrity
// attestation within it on the audit-evidence page and downloads its evidence bundle as a
// regulator would, and the offline verifier (the CLI, given only the ZIP) says VERIFIED. Once the
// officer revokes the engagement, the auditor can neither list, download nor issue.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { expectNoAxeViolations } from "./fixtures/axe";
import { expect, screenshot, signInViaApi, test } from "./fixtures/session";

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

test.describe("reports", () => {
  test("an officer grants an engagement; the auditor issues within it, downloads, verify-report accepts; revoking ends it", async ({
    browser,
  }) => {
    test.setTimeout(240_000);
    const officer = await (await browser.newContext()).newPage();
    await signInViaApi(officer, "COMPLIANCE_OFFICER");
    await officer.goto("/regulator");
    const grant = officer.getByRole("form", { name: "Grant an engagement" });
    const auditor = await grant.locator("option", { hasText: "(auditor@healthledger.test)" }).getAttribute("value");
    await grant.getByLabel("Auditor").selectOption(auditor!);
    await grant.getByLabel("Period from (UTC)").fill(day(-30));
    await grant.getByLabel("Period to (UTC, inclusive)").fill(day(0));
    // A refused grant says why and keeps what was chosen.
    await grant.getByLabel("Expires at the end of (UTC)").fill(day(-1));
    await grant.getByLabel("Integrity attestation").check();
    await grant.getByRole("button", { name: "Grant engagement" }).click();
    await expect(grant.getByRole("alert")).toContainText("expiresAt: the expiry must be in the future");
    await expect(grant.getByLabel("Period from (UTC)")).toHaveValue(day(-30));
    await expect(grant.getByLabel("Integrity attestation")).toBeChecked();
    await screenshot(officer, "regulator-engagement-refused");
    await grant.getByLabel("Expires at the end of (UTC)").fill(day(1));
    await grant.getByRole("button", { name: "Grant engagement" }).click();
    await expect(grant.getByRole("status")).toContainText(/Granted engagement [0-9a-f-]{36}/);
    const engagements = officer.getByRole("table", { name: "Audit engagements" });
    await expect(engagements.getByRole("row").nth(1)).toContainText("active");
    await screenshot(officer, "regulator-engagements-officer");
    await expectNoAxeViolations(officer);

    const page = await (await browser.newContext()).newPage();
    await signInViaApi(page, "AUDITOR");
    await page.goto("/regulator");
    await expect(page.getByRole("heading", { name: "Your audit engagements" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Audit engagements" }).getByRole("row").nth(1)).toContainText(
      "active",
    );
    await page.getByRole("button", { name: "Run full verification" }).click();
    await expect(page.getByRole("status")).toContainText(/verified [\d,]+ leaves/, { timeout: 60_000 });

    await page.getByRole("button", { name: "Issue: integrity attestation" }).click();
    await expect(page.getByText(/^Issued report [0-9a-f-]{36}/)).toBeVisible({ timeout: 60_000 });
    const table = page.getByRole("table", { name: "Issued reports" });
    await expect(table.getByText("Integrity attestation").first()).toBeVisible();
    await screenshot(page, "regulator-reports");
    await expectNoAxeViolations(page);

    const download = page.waitForEvent("download");
    await table
      .getByRole("link", { name: /Download ZIP/ })
      .first()
      .click();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hl-report-")), "bundle.zip");
    await (await download).saveAs(file);
    const out = execFileSync("npm", ["run", "-s", "healthledger", "--", "verify-report", file], { encoding: "utf8" });
    expect(out).toContain("VERIFIED");
    expect(out).not.toContain("NOT VERIFIED");

    // The API lists it, and refuses a type it cannot issue without writing anything.
    const list = await (await page.request.get("/api/reports?limit=1")).json();
    expect(list.reports[0]).toMatchObject({ reportType: "integrity_attestation", bundle: { quorumMet: true } });
    const id: string = list.reports[0].id;
    const refused = await page.request.post("/api/reports", { data: { type: "gdpr_everything" } });
    expect(refused.status()).toBe(422);
    const mine = await (await page.request.get("/api/engagements")).json();
    expect(mine.engagements[0]).toMatchObject({ status: "active", reportTypes: ["integrity_attestation"] });
    expect(mine.auditors).toBeUndefined();

    // The officer revokes it: the auditor's reports are gone from their list, and refused.
    await officer.reload();
    await officer
      .getByRole("table", { name: "Audit engagements" })
      .getByRole("button", { name: /^Revoke engagement / })
      .first()
      .click();
    await expect(engagements.getByRole("row").nth(1)).toContainText("revoked");
    expect((await (await page.request.get("/api/reports")).json()).reports).toEqual([]);
    const denied = await page.request.get(`/api/reports/${id}/bundle`);
    expect(denied.status()).toBe(403);
    expect((await denied.json()).error.message).toMatch(/revoked/);
    const again = await page.request.post("/api/reports", { data: { type: "integrity_attestation" } });
    expect(again.status()).toBe(403);
    await page.reload();
    await expect(page.getByText("You have no active audit engagement")).toBeVisible();
    await screenshot(page, "regulator-auditor-revoked");
  });

  test("an officer issues a patient's accounting of disclosures by MRN, and an audit log review sorted by outcome", async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const officer = await (await browser.newContext()).newPage();
    await signInViaApi(officer, "COMPLIANCE_OFFICER");
    await officer.goto("/regulator");
    const patient = officer.getByRole("form", { name: "Issue a report about one patient" });
    await patient.getByLabel("Report").selectOption("hipaa_disclosure_accounting");
    await patient.getByLabel("Patient MRN").fill("MRN9999999");
    await patient.getByRole("button", { name: "Issue: hipaa accounting of disclosures" }).click();
    await expect(patient.getByRole("alert")).toContainText("No patient has that MRN.");
    // The refusal keeps what was chosen: the type is still the accounting, the MRN still there to correct.
    await expect(patient.getByLabel("Report")).toHaveValue("hipaa_disclosure_accounting");
    await expect(patient.getByLabel("Patient MRN")).toHaveValue("MRN9999999");
    await patient.getByLabel("Patient MRN").fill("MRN1000001");
    await patient.getByRole("button", { name: "Issue: hipaa accounting of disclosures" }).click();
    await expect(patient.getByRole("status")).toContainText(/Issued report [0-9a-f-]{36} about patient pt_/, {
      timeout: 60_000,
    });
    // The MRN went in the POST body only, and is not left on the screen once the report is under way.
    expect(officer.url()).not.toContain("MRN");
    await expect(patient.getByLabel("Patient MRN")).toHaveValue("");
    const table = officer.getByRole("table", { name: "Issued reports" });
    await expect(table.getByText("HIPAA accounting of disclosures").first()).toBeVisible();
    await screenshot(officer, "regulator-patient-report");

    const org = officer.getByRole("form", { name: "Issue a report", exact: true });
    await org.getByLabel("Report").selectOption("onc_audit_log_review");
    await org.getByLabel("From (UTC)").fill(day(-1));
    await org.getByLabel("To (UTC, inclusive)").fill(day(0));
    await org.getByLabel("Order rows").selectOption("outcome");
    await org.getByRole("button", { name: "Issue: audit log review" }).click();
    await expect(org.getByRole("status")).toContainText(/Issued report [0-9a-f-]{36}/, { timeout: 60_000 });
    await expect(table.getByText("Audit log review").first()).toBeVisible();
    await screenshot(officer, "regulator-audit-log-review");
    await expectNoAxeViolations(officer);

    // The GDPR Art. 33 breach record takes a period too; its bundle verifies offline.
    await org.getByLabel("Report").selectOption("gdpr_art33_breach_record");
    await expect(org.getByText(/GDPR Art\. 33\(5\)/)).toBeVisible();
    await org.getByLabel("From (UTC)").fill(day(-30));
    await org.getByLabel("To (UTC, inclusive)").fill(day(0));
    await screenshot(officer, "regulator-art33-form");
    await org.getByRole("button", { name: "Issue: gdpr art. 33 breach record" }).click();
    // The list shows it once its build (followed by the form) is ready.
    await expect(table.getByText("GDPR Art. 33 breach record").first()).toBeVisible({ timeout: 60_000 });
    await expect(org.getByRole("status")).toContainText(/Issued report [0-9a-f-]{36}/);
    await screenshot(officer, "regulator-art33-issued");
    const list = await (await officer.request.get("/api/reports?limit=3")).json();
    expect(list.reports.map((r: { reportType: string }) => r.reportType).sort()).toEqual([
      "gdpr_art33_breach_record",
      "hipaa_disclosure_accounting",
      "onc_audit_log_review",
    ]);
    const art33 = list.reports.find((r: { reportType: string }) => r.reportType === "gdpr_art33_breach_record");
    const zip = await officer.request.get(art33.links.bundle);
    expect(zip.status()).toBe(200);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hl-report-")), "art33.zip");
    fs.writeFileSync(file, await zip.body());
    const out = execFileSync("npm", ["run", "-s", "healthledger", "--", "verify-report", file], { encoding: "utf8" });
    expect(out).toContain("VERIFIED");
    expect(out).not.toContain("NOT VERIFIED");
  });

  test("a patient issues and downloads their own access report at /me, and cannot name anybody else", async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await signInViaApi(page, "PATIENT");
    await page.goto("/me");
    const card = page.getByRole("region", { name: "Reports about you" });
    await card.getByRole("button", { name: "Issue: hipaa access report" }).click();
    await expect(card.getByText(/^Your report [0-9a-f-]{36} is ready/)).toBeVisible({ timeout: 60_000 });
    const table = card.getByRole("table", { name: "Issued reports" });
    await expect(table.getByText("HIPAA access report")).toBeVisible();
    await screenshot(page, "me-reports");
    await expectNoAxeViolations(page);
    const download = page.waitForEvent("download");
    await table
      .getByRole("link", { name: /Download ZIP/ })
      .first()
      .click();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hl-report-")), "own.zip");
    await (await download).saveAs(file);
    const out = execFileSync("npm", ["run", "-s", "healthledger", "--", "verify-report", file], { encoding: "utf8" });
    expect(out).toContain("VERIFIED");
    expect(out).not.toContain("NOT VERIFIED");

    // Their GDPR Art. 15 package: the form follows its build to the download link, and the bundle,
    // with the copy of their data as FHIR R4, verifies offline.
    await card.getByRole("combobox", { name: /^Report/ }).selectOption("gdpr_art15_access");
    await card.getByRole("button", { name: "Issue: gdpr art. 15 access package" }).click();
    await expect(table.getByText("GDPR Art. 15 access package")).toBeVisible({ timeout: 60_000 });
    await expect(card.getByText(/^Your report [0-9a-f-]{36} is ready/)).toBeVisible();
    await expect(card.getByRole("combobox", { name: /^Report/ })).toHaveValue("gdpr_art15_access");
    await screenshot(page, "me-art15-ready");
    const art15 = page.waitForEvent("download");
    await card
      .getByRole("status")
      .locator("..")
      .getByRole("link", { name: /Download ZIP/ })
      .click();
    const art15File = path.join(path.dirname(file), "art15.zip");
    await (await art15).saveAs(art15File);
    const names = Object.keys(unzipSync(new Uint8Array(fs.readFileSync(art15File))));
    expect(names).toContain("data.fhir.json");
    const art15Out = execFileSync("npm", ["run", "-s", "healthledger", "--", "verify-report", art15File], {
      encoding: "utf8",
    });
    expect(art15Out).toContain("VERIFIED");
    expect(art15Out).not.toContain("NOT VERIFIED");

    // The attack: naming another patient. The body's patientId is refused, and nothing is issued.
    const before = (await (await page.request.get("/api/me/reports")).json()).reports.length;
    const other = await page.request.post("/api/me/reports", {
      data: { type: "hipaa_access_report", patientId: "00000000-0000-4000-8000-000000000000" },
    });
    expect(other.status()).toBe(422);
    expect((await page.request.get("/api/reports")).status()).toBe(403);
    expect((await (await page.request.get("/api/me/reports")).json()).reports.length).toBe(before);
  });
});
