import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { searchRecords } from "./fixtures/search";
import { expect, screenshot, signInAs, signInViaApi, test } from "./fixtures/session";

/** The second demo compliance officer: four eyes, so a request is decided by someone who did not file it. */
const COMPLIANCE2 = "compliance2@healthledger.test";

test.describe.serial("erasure (GDPR Art. 17)", () => {
  test("one compliance officer files an erasure and another approves it; the patient becomes unreadable and a certificate is issued", async ({
    page,
  }) => {
    await signInViaApi(page, "CLINICIAN");
    await searchRecords(page, "MRN1000003");
    await page.getByRole("table", { name: "Search results" }).getByRole("link").click();
    await expect(page.getByRole("heading", { name: "Demographics" })).toBeVisible();

    await page.context().clearCookies();
    await signInViaApi(page, "COMPLIANCE_OFFICER");
    await page.goto("/erasure");
    await page.getByLabel("Patient MRN").fill("MRN0000000");
    await page.getByRole("button", { name: "File request" }).click();
    await expect(page.getByText("No patient has that MRN.")).toBeVisible();
    await page.getByLabel("Patient MRN").fill("MRN1000003");
    await page.getByRole("button", { name: "File request" }).click();
    await expect(page.getByRole("status")).toHaveText(/Request filed/);
    const filed = page
      .getByRole("table", { name: "Erasure requests" })
      .getByRole("row")
      .filter({ hasText: "requested" });
    await expect(filed).toHaveCount(1);
    // Whoever filed it cannot decide it: no decision form, only a withdrawal.
    await expect(filed).toContainText("a different compliance officer decides it");
    await expect(filed.getByRole("button", { name: "Erase patient data" })).toHaveCount(0);
    await expect(filed.getByRole("button", { name: "Withdraw request" })).toBeVisible();

    await page.context().clearCookies();
    await signInAs(page, { email: COMPLIANCE2 });
    await page.goto("/erasure");
    const row = page.getByRole("table", { name: "Erasure requests" }).getByRole("row").filter({ hasText: "requested" });
    await expect(row).toHaveCount(1);
    await row.getByLabel("Reason").fill("Identity and request verified");
    await row.getByRole("button", { name: "Erase patient data" }).click();
    const approved = page
      .getByRole("table", { name: "Erasure requests" })
      .getByRole("row")
      .filter({ hasText: "approved" });
    await expect(approved).toContainText("records made unreadable");
    await screenshot(page, "erasure-approved");

    const href = await approved.getByRole("link", { name: "Download certificate" }).getAttribute("href");
    const cert = await (await page.request.get(href!)).json();
    expect(cert.payload).toMatchObject({
      format: "healthledger-erasure-certificate/v1",
      ledger: { kind: "erasure_decision" },
    });
    expect(cert.payload.ledger.checkpoint).toMatch(/\n— /);
    expect(cert.signature.alg).toBe("Ed25519");
    // The approval's reason was sealed under the key it destroyed: on the record, unreadable.
    await expect(approved).not.toContainText("Identity and request verified");

    // The same certificate as a signed evidence bundle, which verify-report accepts offline.
    await approved.getByRole("button", { name: "Issue signed certificate bundle" }).click();
    // Once it is issued, the button gives way to the bundle's download link.
    const bundleLink = approved.getByRole("link", { name: "Download evidence bundle (ZIP)" });
    await expect(bundleLink).toBeVisible({ timeout: 60_000 });
    await expect(approved.getByRole("button", { name: "Issue signed certificate bundle" })).toHaveCount(0);
    await screenshot(page, "erasure-certificate-bundle");
    const zip = await page.request.get((await bundleLink.getAttribute("href"))!);
    expect(zip.status()).toBe(200);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hl-erasure-")), "certificate.zip");
    fs.writeFileSync(file, await zip.body());
    const out = execFileSync("npm", ["run", "-s", "healthledger", "--", "verify-report", file], { encoding: "utf8" });
    expect(out).toContain("VERIFIED");
    expect(out).not.toContain("NOT VERIFIED");
    expect(out).toContain("erasure_certificate");

    await page.context().clearCookies();
    await signInViaApi(page, "CLINICIAN");
    await searchRecords(page, "MRN1000003");
    await expect(page.getByText("No patient matches that MRN.")).toBeVisible();
    const recent = page.getByRole("table", { name: "Recently opened" });
    await expect(recent.getByRole("row").filter({ hasText: "erased" })).toHaveCount(1);
    await screenshot(page, "records-erased");
  });

  test("a patient requests erasure at /me; a refusal must cite a ground and a reason", async ({ page }) => {
    await signInViaApi(page, "PATIENT");
    await page.goto("/me");
    await page.getByRole("button", { name: "Request erasure of my data" }).click();
    await expect(page.getByRole("status")).toHaveText(/waiting for a compliance officer/);
    await expect(page.getByRole("table", { name: "Your erasure requests" })).toContainText("requested");

    await page.context().clearCookies();
    await signInViaApi(page, "COMPLIANCE_OFFICER");
    await page.goto("/erasure");
    const row = page
      .getByRole("table", { name: "Erasure requests" })
      .getByRole("row")
      .filter({ hasText: "the patient" });
    await row.getByLabel("Decision").selectOption("refused");
    await row.getByLabel("Reason").fill("On hold");
    await row.getByRole("button", { name: "Refuse request" }).click();
    await expect(row.getByText("Choose the Art. 17(3) exception or legal hold.")).toBeVisible();
    // What was typed survives the failed attempt, and it is still a refusal.
    await expect(row.getByLabel("Decision")).toHaveValue("refused");
    await expect(row.getByLabel("Reason")).toHaveValue("On hold");
    await row.getByLabel("Ground").selectOption("legal_hold");
    await row.getByLabel("Reason").fill("Records under litigation hold until 2027");
    await row.getByRole("button", { name: "Refuse request" }).click();
    await expect(page.getByRole("table", { name: "Erasure requests" })).toContainText(
      "Legal hold: Records under litigation hold until 2027",
    );

    await page.context().clearCookies();
    await signInViaApi(page, "PATIENT");
    await page.goto("/me");
    await expect(page.getByRole("table", { name: "Your erasure requests" })).toContainText("refused");
    await screenshot(page, "me-erasure-refused");
    // Asked again, and withdrawn by the patient before anyone decides.
    await page.getByRole("button", { name: "Request erasure of my data" }).click();
    await expect(page.getByRole("status")).toHaveText(/waiting for a compliance officer/);
    await page.getByRole("button", { name: "Withdraw request" }).click();
    await expect(page.getByRole("table", { name: "Your erasure requests" })).toContainText("withdrawn");
    await expect(page.getByRole("button", { name: "Request erasure of my data" })).toBeVisible();
  });

  test("the officer who filed a request can withdraw it; it is closed and the patient can be filed again", async ({
    page,
  }) => {
    await signInViaApi(page, "COMPLIANCE_OFFICER");
    await page.goto("/erasure");
    await page.getByLabel("Patient MRN").fill("MRN1000009");
    await page.getByRole("button", { name: "File request" }).click();
    await expect(page.getByRole("status")).toHaveText(/Request filed/);
    const table = page.getByRole("table", { name: "Erasure requests" });
    const filed = table.getByRole("row").filter({ hasText: "requested" });
    await filed.getByRole("button", { name: "Withdraw request" }).click();
    // (The patient's own withdrawal from the test before is listed too: look at the officer's row.)
    await expect(
      table.getByRole("row").filter({ hasText: "withdrawn" }).filter({ hasText: "by compliance" }),
    ).toContainText("Withdrawn by the requester");
    await expect(table.getByRole("row").filter({ hasText: "requested" })).toHaveCount(0);
    await screenshot(page, "erasure-withdrawn");
  });
});
