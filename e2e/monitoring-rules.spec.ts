import { expect, screenshot, signInViaApi, test } from "./fixtures/session";

test("an administrator changes a threshold as a new version, and the privacy office sees it in force", async ({
  page,
  browser,
}) => {
  await signInViaApi(page, "ADMIN");
  await page.goto("/admin/monitoring-rules");
  const header = page.locator(".page-header");
  const before = Number((await header.textContent())?.match(/Version (\d+)/)?.[1]);
  const form = page.getByRole("form", { name: "Monitoring thresholds" });
  const minDenials = form.getByLabel("repeated-denials: Denials at least");
  const sameLastName = form.getByLabel("same-last-name: On");

  // Out of range: refused with the field named, nothing activated, what was typed kept.
  await minDenials.fill("0");
  await form.getByRole("button", { name: "Activate as a new version" }).click();
  await expect(form.getByRole("alert")).toHaveText(/Nothing was activated\. repeated-denials: Denials at least: /);
  await expect(minDenials).toHaveValue("0");
  await expect(header).toContainText(`Version ${before} `);

  // A notification clock for cases, in the blank row: a zone that does not exist is refused by row.
  const clocks = form.getByRole("group", { name: "Notification clocks for privacy cases" });
  await clocks.getByLabel("Clock 2: id").fill("wa_rcw_19_255");
  await clocks.getByLabel("Clock 2: name").fill("Washington residents (30 days)");
  await clocks.getByLabel("Clock 2: citation").fill("RCW 19.255.010(8)");
  await clocks.getByLabel("Clock 2: amount").fill("30");
  await clocks.getByLabel("Clock 2: time zone").fill("America/Seattle");
  await form.getByRole("button", { name: "Activate as a new version" }).click();
  await expect(form.getByRole("alert")).toHaveText(/Notification clock 2: timeZone: must be an IANA time zone/);
  await expect(clocks.getByLabel("Clock 2: name")).toHaveValue("Washington residents (30 days)");
  await expect(header).toContainText(`Version ${before} `);
  await clocks.getByLabel("Clock 2: time zone").fill("America/Los_Angeles");

  await minDenials.fill("4");
  await sameLastName.uncheck();
  await form.getByRole("button", { name: "Activate as a new version" }).click();
  await expect(form.getByRole("status")).toHaveText(new RegExp(`Version ${before + 1} is in force`));
  await expect(header).toContainText(`Version ${before + 1} is in force`);
  const versions = page.getByRole("table", { name: "Rule set versions" });
  await expect(versions.getByRole("row").nth(1)).toContainText(String(before + 1));
  await expect(clocks.getByLabel("Clock 2: id")).toHaveValue("wa_rcw_19_255");
  await expect(clocks.getByLabel("Clock 3: id")).toHaveValue("");
  await screenshot(page, "admin-monitoring-rules");

  // The privacy office reads the version in force, with what changed.
  const officer = await browser.newPage();
  await signInViaApi(officer, "COMPLIANCE_OFFICER");
  await officer.goto("/dashboard");
  await officer.getByRole("link", { name: "Monitoring rules" }).click();
  await expect(officer.getByRole("heading", { name: `In force: version ${before + 1}` })).toBeVisible();
  const rules = officer.getByRole("table", { name: "Rules in force" });
  await expect(rules.getByRole("row").filter({ hasText: "same-last-name" })).toContainText("Off");
  await expect(rules.getByRole("row").filter({ hasText: "repeated-denials" })).toContainText("Denials at least: 4");
  await expect(officer.getByText("MRN adjacency")).toBeVisible();
  await screenshot(officer, "monitoring-rules");
  await officer.close();

  // An unchanged form activates nothing; then the built-in thresholds go back in force for the
  // specs that follow (a version equal to an earlier one is a new version, with the same hash).
  await page.reload();
  await form.getByRole("button", { name: "Activate as a new version" }).click();
  await expect(form.getByRole("alert")).toHaveText(`Nothing was changed: version ${before + 1} stays in force.`);
  await minDenials.fill("5");
  await sameLastName.check();
  await clocks.getByLabel("Clock 2: remove").check();
  await form.getByRole("button", { name: "Activate as a new version" }).click();
  await expect(form.getByRole("status")).toHaveText(new RegExp(`Version ${before + 2} is in force`));
  await expect(clocks.getByLabel("Clock 2: id")).toHaveValue("");
});
