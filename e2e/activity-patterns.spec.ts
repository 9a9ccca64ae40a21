import { searchRecords } from "./fixtures/search";
import { expect, screenshot, signInViaApi, test } from "./fixtures/session";

test("activity patterns show hours of the week and the staff who reach the most patients", async ({
  page,
  browser,
}) => {
  // The clinician opens a care-team chart: one patient more for them this week.
  const clinician = await browser.newPage();
  await signInViaApi(clinician, "CLINICIAN");
  await searchRecords(clinician, "MRN1000002");
  await clinician.getByRole("table", { name: "Search results" }).getByRole("link").click();
  await expect(clinician.getByRole("heading", { name: "Demographics" })).toBeVisible();
  await clinician.close();

  await signInViaApi(page, "COMPLIANCE_OFFICER");
  await page.goto("/dashboard");
  await page.getByRole("link", { name: "Activity patterns" }).click();
  await expect(page.getByRole("heading", { name: "Activity patterns", level: 1 })).toBeVisible();

  const heatmap = page.getByRole("table", { name: /events in the last 28 days, by local time in UTC/ });
  await expect(heatmap.getByRole("row")).toHaveCount(8); // hours + seven weekdays
  await expect(heatmap.getByRole("rowheader")).toHaveText(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]);

  // The rollups follow the sealed log: the chart opening is counted once sealed, so the top-staff
  // table is not empty.
  const topStaff = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "Period before" }) });
  await expect(async () => {
    await page.reload();
    await expect(topStaff.getByRole("link").first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await screenshot(page, "activity-patterns");

  // A department, by id in the URL, in its own time zone.
  await page.getByLabel("Department").selectOption({ index: 1 });
  await page.getByLabel("Period").selectOption("7");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/department=[0-9a-f-]{36}&days=7/);
  await expect(
    page.getByRole("table", { name: /events in the last 7 days, by local time in [A-Za-z_]+\// }),
  ).toBeVisible();

  // One person's hours, from the top-staff table.
  const first = topStaff.getByRole("link").first();
  const name = (await first.textContent()) ?? "";
  await first.click();
  await expect(page).toHaveURL(/user=[0-9a-f-]{36}/);
  await expect(page.getByRole("heading", { name: `${name}: access events by hour and weekday` })).toBeVisible();
  await screenshot(page, "activity-patterns-user");

  // An address the page does not know gets a clear message, not an error page.
  await page.goto("/dashboard/patterns?days=1000&department=../../etc");
  await expect(page.getByRole("alert").filter({ hasText: "does not know" })).toBeVisible();
});
