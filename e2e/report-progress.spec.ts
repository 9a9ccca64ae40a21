// A report built in the background: the portal shows the build's real phases and counts as a
// progress bar, then the download link; a refused request keeps what the user chose; and the API
// answers 202 with a status resource, a download asked for too early is "not yet" with Retry-After.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expectNoAxeViolations } from "./fixtures/axe";
import { expect, screenshot, signInViaApi, test } from "./fixtures/session";

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const PHASES = ["reading", "anchoring", "sealing", "witnessing", "signing", "citations", "files", "storing"];

test.describe("report progress", () => {
  test("an officer follows an audit log review's build on /regulator and downloads it from the progress panel", async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await signInViaApi(page, "COMPLIANCE_OFFICER");
    await page.goto("/regulator");
    const form = page.getByRole("form", { name: "Issue a report", exact: true });
    await form.getByLabel("Report").selectOption("onc_audit_log_review");

    // Refused at once (a period starting in the future), and the choice is kept for correcting.
    await form.getByLabel("From (UTC)").fill(day(2));
    await form.getByLabel("To (UTC, inclusive)").fill(day(3));
    await form.getByLabel("Order rows").selectOption("user");
    await form.getByRole("button", { name: "Issue: audit log review" }).click();
    await expect(form.getByRole("alert")).toContainText("the period must not start in the future");
    await expect(form.getByLabel("Report")).toHaveValue("onc_audit_log_review");
    await expect(form.getByLabel("From (UTC)")).toHaveValue(day(2));
    await expect(form.getByLabel("Order rows")).toHaveValue("user");
    await screenshot(page, "regulator-report-refused");

    await form.getByLabel("From (UTC)").fill(day(-30));
    await form.getByLabel("To (UTC, inclusive)").fill(day(0));
    await form.getByRole("button", { name: "Issue: audit log review" }).click();
    // The bar and its sentence come from the build's status resource, not from a timer.
    const bar = form.getByRole("progressbar");
    await expect(bar).toBeVisible();
    await expect(form.getByText(/\(step [1-8] of 8\)$/)).toBeVisible({ timeout: 30_000 });
    await screenshot(page, "regulator-report-progress");
    await expectNoAxeViolations(page);

    await expect(form.getByRole("status")).toContainText(/Issued report [0-9a-f-]{36}\./, { timeout: 120_000 });
    await expect(bar).toHaveCount(0);
    await screenshot(page, "regulator-report-ready");
    const download = page.waitForEvent("download");
    await form.getByRole("link", { name: /Download ZIP \([\d,]+ KB\)/ }).click();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hl-progress-")), "review.zip");
    await (await download).saveAs(file);
    const out = execFileSync("npm", ["run", "-s", "healthledger", "--", "verify-report", file], { encoding: "utf8" });
    expect(out).toContain("VERIFIED");
    expect(out).not.toContain("NOT VERIFIED");
    // The list shows it too, once it is ready.
    await expect(
      page.getByRole("table", { name: "Issued reports" }).getByText("Audit log review").first(),
    ).toBeVisible();
  });

  test("the API answers 202 with a status to follow; the bundle is 'not yet' with Retry-After until it is ready", async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await signInViaApi(page, "COMPLIANCE_OFFICER");
    const accepted = await page.request.post("/api/reports", {
      headers: { prefer: "respond-async" },
      data: { type: "onc_audit_log_review", period: { from: `${day(-30)}T00:00:00Z`, to: new Date().toISOString() } },
    });
    expect(accepted.status()).toBe(202);
    const headers = accepted.headers();
    expect(headers["preference-applied"]).toBe("respond-async");
    expect(headers["retry-after"]).toBe("1");
    const body = await accepted.json();
    expect(headers.location).toBe(`/api/reports/${body.id}`);
    expect(body).toMatchObject({ status: "building", reportType: "onc_audit_log_review" });

    const early = await page.request.get(`/api/reports/${body.id}/bundle`);
    expect(early.status()).toBe(409);
    expect(early.headers()["retry-after"]).toBe("2");
    expect((await early.json()).error.message).toMatch(/still being built \(.+ \(step [1-8] of 8\)\)/);

    const seen: string[] = [];
    let status: { status: string; progress?: { phase: string; fraction: number } } = body;
    for (let i = 0; i < 120 && status.status === "building"; i++) {
      const res = await page.request.get(headers.location);
      expect(res.status()).toBe(200);
      status = await res.json();
      if (status.status === "building") {
        expect(PHASES).toContain(status.progress!.phase);
        expect(res.headers()["retry-after"]).toBe("1");
        seen.push(status.progress!.phase);
      }
      await page.waitForTimeout(Number(res.headers()["retry-after"] ?? 1) * 1000);
    }
    expect(status).toMatchObject({ status: "ready", report: { id: body.id, bundle: { quorumMet: true } } });
    // The phases a client sees never go backwards.
    expect(seen.map((p) => PHASES.indexOf(p))).toEqual([...seen.map((p) => PHASES.indexOf(p))].sort((a, b) => a - b));

    const bundle = await page.request.get(`/api/reports/${body.id}/bundle`);
    expect(bundle.status()).toBe(200);
    const bytes = await bundle.body();
    // Streamed in slices, so without a length up front; its digest says it arrived whole.
    expect(crypto.createHash("sha256").update(bytes).digest("hex")).toBe(bundle.headers()["x-content-sha256"]);
    expect(bundle.headers()["content-type"]).toBe("application/zip");

    // Somebody else's id, or a malformed one, tells nothing.
    expect((await page.request.get("/api/reports/00000000-0000-7000-8000-000000000000")).status()).toBe(404);
    expect((await page.request.get("/api/reports/nope")).status()).toBe(404);
  });
});
