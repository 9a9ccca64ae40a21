// The /verify page: a compliance officer issues an integrity attestation and downloads its evidence bundle;
// then, signed out, the bundle is dropped on /verify and checked in the browser (with the code of
// `verify-report`) while the test watches every request the page makes: none carries the file.
// A byte flipped in one file of the ZIP is named, a file that is not a ZIP is said to be one, and
// the evidence CA can be the published one instead of the bundle's copy.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page, Request } from "@playwright/test";
import { unzipSync, zipSync } from "fflate";
import { expectNoAxeViolations } from "./fixtures/axe";
import { expect, screenshot, signInViaApi, test } from "./fixtures/session";

/** Issues an integrity attestation as a compliance officer (no engagement needed) and returns its bundle's bytes. */
async function issueBundle(page: Page): Promise<Buffer> {
  await signInViaApi(page, "COMPLIANCE_OFFICER");
  await page.goto("/regulator");
  await page.getByRole("button", { name: "Issue: integrity attestation" }).click();
  await expect(page.getByText(/^Issued report [0-9a-f-]{36}/)).toBeVisible({ timeout: 60_000 });
  const download = page.waitForEvent("download");
  await page
    .getByRole("table", { name: "Issued reports" })
    .getByRole("link", { name: /Download ZIP/ })
    .first()
    .click();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hl-verify-")), "bundle.zip");
  await (await download).saveAs(file);
  return fs.readFileSync(file);
}

/** An audit log review of the last 30 days through the API (202, then its status followed), as ZIP bytes. */
async function issueLargeBundle(page: Page): Promise<Buffer> {
  const from = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const accepted = await page.request.post("/api/reports", {
    headers: { prefer: "respond-async" },
    data: { type: "onc_audit_log_review", period: { from, to: new Date().toISOString() } },
  });
  expect(accepted.status()).toBe(202);
  const location = accepted.headers().location;
  let status = await accepted.json();
  for (let i = 0; i < 120 && status.status === "building"; i++) {
    await page.waitForTimeout(1_000);
    status = await (await page.request.get(location)).json();
  }
  expect(status.status).toBe("ready");
  return (await page.request.get(`${location}/bundle`)).body();
}

/** Every request the page makes from now on, and every CSP violation it reports. */
async function watch(page: Page) {
  const requests: Request[] = [];
  const violations: string[] = [];
  page.on("request", (r) => requests.push(r));
  await page.exposeFunction("reportCspViolation", (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { reportCspViolation: (v: string) => void }).reportCspViolation(
        `${e.effectiveDirective} blocked ${e.blockedURI || "inline"}`,
      ),
    );
  });
  return { requests, violations };
}

async function drop(page: Page, name: string, bytes: Uint8Array, mimeType = "application/zip") {
  await page.getByLabel("Evidence bundle (ZIP)").setInputFiles({ name, mimeType, buffer: Buffer.from(bytes) });
}

const verdict = (page: Page) => page.getByLabel("Verdict");

test.describe("verify page", () => {
  test("a signed-out visitor verifies a bundle in the browser, uploading nothing, and sees tampering named", async ({
    page,
    browser,
  }) => {
    test.setTimeout(240_000);
    const zip = await issueBundle(page);
    const published = await page.request.get("/.well-known/healthledger/");
    const index = (await published.json()) as { evidenceCa: { sha256: string } };
    const caPem = await (await page.request.get("/.well-known/healthledger/evidence-ca.pem")).text();

    const anon = await (await browser.newContext()).newPage();
    const seen = await watch(anon);
    await anon.goto("/login");
    await anon.getByRole("link", { name: "Verify it in your browser" }).click();
    await expect(anon).toHaveURL(/\/verify$/);
    await expect(anon.getByRole("heading", { name: "Verify a report" })).toBeVisible();
    await anon.waitForLoadState("networkidle");
    const before = seen.requests.length;

    // The whole bundle: every check passes, and each part the issue names is shown.
    await drop(anon, "bundle.zip", zip);
    await expect(verdict(anon)).toContainText("Verified.", { timeout: 60_000 });
    const checks = anon.getByRole("table", { name: "Checks" });
    for (const part of [
      "PDF signature",
      "DSSE signature",
      "File digests",
      "Checkpoint (tlog-proof)",
      "Cosignatures",
      "Citations",
      "The report's own leaf",
    ])
      await expect(checks.getByRole("rowgroup", { name: part })).toContainText("passed");
    await expect(checks.getByText("FAILED")).toHaveCount(0);
    // The demo's one witness is named as the policy names it: "local".
    await expect(checks).toContainText('quorum met, the witness "local": cosigned by local');
    const fingerprints = anon.getByRole("table", { name: "Fingerprints" });
    await expect(fingerprints.getByRole("row", { name: /Evidence CA in the bundle/ })).toContainText(
      index.evidenceCa.sha256,
    );
    await screenshot(anon, "verify-passed");
    await expectNoAxeViolations(anon);

    // One byte of report.json flipped, the ZIP rebuilt: the page names the file and the checks.
    const files = unzipSync(new Uint8Array(zip));
    const json = files["report.json"]!.slice();
    json[10] ^= 0x01;
    await drop(anon, "tampered.zip", zipSync({ ...files, "report.json": json }));
    await expect(verdict(anon)).toContainText("Not verified.", { timeout: 60_000 });
    await expect(verdict(anon)).toContainText("report.json — File digests");
    await expect(verdict(anon)).toContainText("digest-mismatch");
    await expect(
      checks.getByRole("rowgroup", { name: "File digests" }).getByRole("row", { name: /FAILED report\.json/ }),
    ).toBeVisible();
    await screenshot(anon, "verify-tampered");
    await expectNoAxeViolations(anon);

    // A file that is not a ZIP at all.
    await drop(anon, "notes.txt", new TextEncoder().encode("not a bundle\n"), "text/plain");
    await expect(verdict(anon)).toContainText("Not an evidence bundle. notes.txt could not be opened");
    await screenshot(anon, "verify-not-a-zip");

    // The published CA instead of the bundle's: its fingerprint is the one /.well-known lists and
    // the bundle verifies; a certificate that is not the CA fails the PDF check by name.
    await anon.getByText("Trust your own copy of the evidence CA").click();
    await anon.getByLabel("Evidence CA certificate (PEM)").fill(caPem);
    await expect(anon.getByText(`Trusted CA SHA-256: ${index.evidenceCa.sha256}`)).toBeVisible();
    await drop(anon, "bundle.zip", zip);
    await expect(verdict(anon)).toContainText("Verified.", { timeout: 60_000 });
    await expect(fingerprints.getByRole("row", { name: /Evidence CA you gave/ })).toContainText(
      index.evidenceCa.sha256,
    );
    await anon.getByLabel("Evidence CA certificate (PEM)").fill(new TextDecoder().decode(files["signer.pem"]));
    await expect(verdict(anon)).toContainText("report.pdf — PDF signature", { timeout: 60_000 });
    await anon.getByLabel("Evidence CA certificate (PEM)").fill("not a certificate");
    await expect(anon.getByText(/Not used: no PEM certificate/)).toBeVisible();
    await screenshot(anon, "verify-own-ca");

    // Nothing was sent: after the page loaded, no request carried a body or was anything but a GET
    // (the page's own script chunks and link prefetches), and the CSP refused nothing.
    const during = seen.requests.slice(before);
    expect(during.filter((r) => r.method() !== "GET" || r.postDataBuffer() !== null).map((r) => r.url())).toEqual([]);
    expect(during.filter((r) => !r.url().startsWith(new URL(anon.url()).origin)).map((r) => r.url())).toEqual([]);
    expect(seen.violations).toEqual([]);

    // A large bundle (an audit log review of the demo's month, tens of thousands of citations) is
    // checked in a worker: the bar names each group of checks while the page keeps answering.
    const large = await issueLargeBundle(page);
    await anon.getByLabel("Evidence CA certificate (PEM)").fill("");
    await drop(anon, "review.zip", large);
    await expect(anon.getByRole("progressbar")).toBeVisible();
    await expect(anon.getByText(/\(step [1-4] of 4\)$/)).toBeVisible();
    await expect(anon.getByText(/every citation \(step 3 of 4\)$/)).toBeVisible({ timeout: 60_000 });
    await screenshot(anon, "verify-progress");
    // While the citations are checked, the page's own thread still paints frames promptly.
    const frameMs = await anon.evaluate(() => {
      const t0 = performance.now();
      return new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now() - t0)));
    });
    expect(frameMs).toBeLessThan(500);
    await expect(verdict(anon)).toContainText("Verified.", { timeout: 120_000 });
    expect(seen.violations).toEqual([]);

    // Signed in, the same page works (and links back into the app).
    await page.goto("/regulator");
    await page.getByRole("link", { name: "Verify a report" }).click();
    await expect(page.getByRole("link", { name: "Back to HealthLedger" })).toBeVisible();
    await drop(page, "bundle.zip", zip);
    await expect(verdict(page)).toContainText("Verified.", { timeout: 60_000 });
  });
});
