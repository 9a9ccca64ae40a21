import { expectNoAxeViolations } from "./fixtures/axe";
import { withDatabase } from "./fixtures/row-counts";
import { expect, screenshot, signInViaApi, test } from "./fixtures/session";

// The planted volume spike (docs/demo-data.md: staff member 15, an oncologist, opens 36 patients in
// one shift two days before the seed) is found among the alerts, triaged, escalated into a case,
// worked to a breach determination with the keyboard where it is typed, notified and closed; every
// step of the case is then proven in the ledger by an inclusion proof of its case_transition leaf.

const NOTE = "Interviewed the oncologist: no clinical reason for 36 charts in one shift";

test("a planted snooping case goes from alert to a closed case, every step anchored", async ({ page }) => {
  test.setTimeout(180_000);
  // The monitor raises the demo's alerts behind the sequencer, shortly after the server starts.
  let planted: { id: string; name: string } | undefined;
  await expect(async () => {
    planted = await withDatabase(async (db) => {
      const r = await db.query<{ id: string; name: string }>(
        `SELECT a.id, u."displayName" AS name FROM "PrivacyAlert" a JOIN "User" u ON u.id = a."actorId"
          WHERE a."ruleId" = 'volume' AND u.email LIKE '%.15@staff.healthledger.test' AND a.status = 'new'`,
      );
      return r.rows[0];
    });
    expect(planted, "the seeded monitor raised the planted volume alert").toBeTruthy();
  }).toPass({ timeout: 60_000 });

  await signInViaApi(page, "COMPLIANCE_OFFICER");
  await page.goto("/dashboard");
  await expect(page.getByText("Open privacy alerts")).toBeVisible();

  // Triage on the alert's page: start the review, then escalate; the alert then links to its case.
  await page.goto(`/alerts/${planted!.id}`);
  await expect(page.getByRole("region", { name: "Finding" })).toContainText("volume");
  await page.getByRole("button", { name: "Start review" }).click();
  await expect(page.getByRole("region", { name: "Finding" })).toContainText("Under review");
  await page.getByRole("form", { name: "Escalate alert" }).getByRole("button", { name: "Escalate" }).click();
  await expect(page.getByRole("region", { name: "Finding" })).toContainText("Escalated");
  await page.getByRole("link", { name: "Open the privacy case" }).click();

  await expect(page.getByRole("heading", { level: 1, name: `Case: ${planted!.name}` })).toBeVisible();
  const caseUrl = page.url();
  await expect(page.getByRole("table", { name: "Alerts in this case" })).toContainText("volume");
  expect(await page.getByRole("table", { name: "Accesses involved" }).locator("tbody tr").count()).toBeGreaterThan(1);
  await expect(page.getByRole("table", { name: "Notification clocks" })).toContainText("running");

  // The dashboard lists the open case among the nearest deadlines, once its shared figures are
  // read again (every 5 s, never older than 10 s: lib/monitor/read-dashboard-figures.ts).
  await expect(async () => {
    await page.goto("/dashboard");
    await expect(page.getByRole("table", { name: "Nearest deadlines" })).toContainText(planted!.name, {
      timeout: 1_000,
    });
  }).toPass({ timeout: 20_000 });
  await page.goto("/cases");
  await expect(
    page.getByRole("table", { name: "Privacy cases" }).getByRole("row", { name: new RegExp(planted!.name) }),
  ).toContainText("Intake");
  await expectNoAxeViolations(page);
  await screenshot(page, "cases-queue");
  await page.goto(caseUrl);

  await page.getByRole("button", { name: "Start the investigation" }).click();
  await expect(page.getByRole("form", { name: "Breach risk assessment" })).toBeVisible();
  await screenshot(page, "case-investigating");

  // Discovery moves a day earlier (a complaint came in before the alert); the future is refused.
  const intake = page.getByRole("form", { name: "Intake" });
  const discovered = await intake.getByLabel("Discovered at (UTC)").inputValue();
  await intake.getByLabel("Discovered at (UTC)").fill("2999-01-01T00:00");
  await intake.getByLabel("Discovered at (UTC)").evaluate((e) => e.removeAttribute("max"));
  await intake.getByRole("button", { name: "Save intake" }).click();
  await expect(intake.getByRole("alert")).toContainText("future");
  const earlier = new Date(new Date(`${discovered}Z`).getTime() - 86_400_000).toISOString().slice(0, 16);
  await intake.getByLabel("Discovered at (UTC)").fill(earlier);
  await intake.getByLabel("How it was discovered").selectOption("complaint");
  await intake.getByRole("button", { name: "Save intake" }).click();
  await expect(page.getByText(/Complaint \(patient, staff or third party\)/).first()).toBeVisible();

  // A note, typed and sent with the keyboard alone.
  const note = page.getByRole("form", { name: "Add a note" });
  await note.getByLabel(/Note/).focus();
  await page.keyboard.type(NOTE);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("list", { name: "Case notes" })).toContainText(NOTE);

  // A breach without an assessment is refused; then the four factors, then the determination.
  const determination = page.getByRole("form", { name: "Determination" });
  await determination.getByLabel("Determination").selectOption("breach");
  await determination.getByLabel("Sanction").selectOption("2");
  await determination.getByRole("button", { name: "Record determination" }).click();
  await expect(determination.getByRole("alert")).toContainText("risk assessment");
  const assess = page.getByRole("form", { name: "Breach risk assessment" });
  const factors = [
    ["(i)", "high", "Full charts of 36 oncology patients, diagnoses and identifiers"],
    ["(ii)", "medium", "A workforce member bound by the confidentiality agreement"],
    ["(iii)", "high", "Each chart was opened and read for several minutes"],
    ["(iv)", "medium", "Access suspended the next morning; no disclosure found"],
  ] as const;
  for (const [factor, level, why] of factors) {
    const group = assess.getByRole("group", { name: new RegExp(`^\\${factor.slice(0, -1)}\\)`) });
    await group.getByLabel("Risk").selectOption(level);
    await group.getByLabel("Rationale").fill(why);
  }
  await assess.getByRole("button", { name: "Record assessment" }).click();
  await expect(page.getByText("Presumed a breach")).toBeVisible();
  await determination.getByLabel("Determination").selectOption("breach");
  await determination.getByLabel("Sanction").selectOption("2");
  await determination.getByRole("button", { name: "Record determination" }).click();
  await expect(page.getByText("Breach of unsecured PHI (notification required)")).toBeVisible();

  await page.getByRole("button", { name: "Close the case" }).click();
  await expect(page.getByRole("form", { name: "Close the case" }).getByRole("alert")).toContainText("notification");
  await page.getByRole("button", { name: "Record notification" }).click();
  await expect(page.getByText(/^Notification recorded: /)).toBeVisible();
  await expect(page.getByRole("table", { name: "Notification clocks" })).toContainText("notified in time");
  await page.getByRole("button", { name: "Close the case" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText(/^Closed, owned by/)).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, "case-closed");

  // Every step of the case is in the ledger: each transition's leaf has an inclusion proof.
  const history = page.getByRole("table", { name: "Case history" });
  await expect(history.locator("tbody tr")).toHaveCount(8);
  const ids = await history
    .locator("tr[data-transition-id]")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-transition-id")!));
  for (const id of ids)
    await expect(async () => {
      const res = await page.request.get(`/api/ledger/proofs/inclusion?kind=case_transition&rowId=${id}`);
      expect(res.status()).toBe(200);
    }).toPass({ timeout: 20_000 });

  // The API has the case with its codes, never the note.
  const caseId = caseUrl.split("/").pop()!;
  const list = await (await page.request.get("/api/monitor/cases?state=closed")).json();
  expect(list.cases.map((c: { id: string }) => c.id)).toContain(caseId);
  const one = await page.request.get(`/api/monitor/cases/${caseId}`);
  expect(one.status()).toBe(200);
  const body = await one.text();
  expect(JSON.parse(body)).toMatchObject({
    state: "closed",
    determination: "breach",
    sanctionTier: 2,
    discoveredHow: "complaint",
  });
  expect(body).not.toContain("oncologist");
});
