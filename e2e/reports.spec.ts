// Issuing a signed report end to end: an auditor runs a verification, issues an integrity
// attestation on the audit-evidence page, downloads its evidence bundle as a regulator would,
// and the offline verifier (the CLI, given only the ZIP) says VERIFIED.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expectNoAxeViolations } from "./fixtures/axe";
import { expect, screenshot, signInViaApi, test } from "./fixtures/session";

test.describe("reports", () => {
  test("an auditor issues an integrity attestation, downloads the bundle and verify-report accepts it", async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await signInViaApi(page, "AUDITOR");
    await page.goto("/regulator");
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
    const refused = await page.request.post("/api/reports", { data: { type: "gdpr_everything" } });
    expect(refused.status()).toBe(422);
    expect((await page.request.get("/api/reports?limit=1")).ok()).toBe(true);
  });
});
