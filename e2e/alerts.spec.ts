import type { Page } from "@playwright/test";
import { searchRecords } from "./fixtures/search";
import { expect, screenshot, signInViaApi, test } from "./fixtures/session";

// MRN1000011 is staff member 1's own patient record and is on the demo clinician's care team
// (prisma/seed/monitoring-facts.ts): opening it is a co-worker finding even when it is explained.

async function switchTo(page: Page, role: Parameters<typeof signInViaApi>[1]) {
  await page.context().clearCookies();
  await signInViaApi(page, role);
}

test("a rule finding appears as an alert, is reviewed and closed with a reason, and the filters find it", async ({
  page,
}) => {
  await signInViaApi(page, "CLINICIAN");
  await searchRecords(page, "MRN1000011");
  await page.getByRole("table", { name: "Search results" }).getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Demographics" })).toBeVisible();

  await switchTo(page, "COMPLIANCE_OFFICER");
  // The rules run behind the sequencer: the alert follows within a few seconds of the open.
  const row = page
    .getByRole("table", { name: "Privacy alerts" })
    .getByRole("row")
    .filter({ hasText: "co-worker" })
    .filter({ hasText: "Dr. Jordan Reyes" });
  await expect(async () => {
    await page.goto("/alerts?status=new");
    await expect(row).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(row).toContainText("medium");
  await screenshot(page, "alerts-new");

  await row.getByRole("button", { name: "Start review" }).click();
  // Once saved, the alert is no longer new and leaves this list.
  await expect(row).toHaveCount(0);
  await page.goto("/alerts?status=under_review");
  await expect(row).toContainText("Under review · Casey Compliance");
  await row.getByLabel("Close reason").selectOption("clinical-care");
  await row.getByRole("button", { name: "Close", exact: true }).click();
  await expect(row).toHaveCount(0);
  await page.goto("/alerts?status=closed");
  await expect(row).toContainText("Closed · Casey Compliance · Explained by care the patient received");
  await expect(page.getByRole("link", { name: "Closed" })).toHaveAttribute("aria-current", "page");
  await screenshot(page, "alerts-closed");

  // Closed is final: no triage form on the row any more.
  await expect(row.getByRole("button", { name: "Escalate" })).toHaveCount(0);
});

test("open alerts close in bulk with one reason", async ({ page }) => {
  // Six refused opens in a few minutes: a repeated-denials finding (unless earlier refusals today raised it already).
  await signInViaApi(page, "CLINICIAN");
  for (const mrn of ["MRN1000031", "MRN1000032", "MRN1000033", "MRN1000034", "MRN1000035", "MRN1000036"]) {
    await searchRecords(page, mrn);
    await page.getByRole("table", { name: "Search results" }).getByRole("link").click();
    await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();
  }
  await switchTo(page, "COMPLIANCE_OFFICER");
  const table = page.getByRole("table", { name: "Privacy alerts" });
  const boxes = table.getByRole("checkbox");
  await expect(async () => {
    await page.goto("/alerts?status=new");
    await expect(boxes.first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  const bulk = page.getByRole("form", { name: "Close selected alerts" });
  // A few of the open alerts (the demo history raises dozens): the others must stay open.
  const ids = (await boxes.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).slice(0, 3);
  for (const id of ids) await table.locator(`input[value="${id}"]`).check();
  await page.getByLabel("Close the selected alerts because").selectOption("false-positive");
  await page.getByRole("button", { name: "Close selected" }).click();
  await expect(bulk.getByRole("status")).toHaveText(`Closed ${ids.length} alert${ids.length === 1 ? "" : "s"}.`);
  await page.goto("/alerts?status=closed");
  for (const id of ids)
    await expect(table.locator(`tr[data-alert-id="${id}"]`)).toContainText(
      "The rule matched facts that do not hold here",
    );
  await page.goto("/alerts?status=new");
  for (const id of ids) await expect(table.locator(`input[value="${id}"]`)).toHaveCount(0);
  await screenshot(page, "alerts-bulk-closed");
});
