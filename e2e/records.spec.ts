import { searchRecords } from "./fixtures/search";
import { expect, screenshot, signInViaApi, test } from "./fixtures/session";

test.describe("clinician records", () => {
  test("finds a patient by MRN, opens the chart and adds an observation, all recorded", async ({ page }) => {
    await signInViaApi(page, "CLINICIAN");
    await page.goto("/records");
    await page.getByPlaceholder(/MRN/).fill("MRN1000002");
    await page.getByRole("button", { name: "Search" }).click();
    const results = page.getByRole("table", { name: "Search results" });
    await expect(results.getByRole("row")).toHaveCount(2);
    await screenshot(page, "records-search");
    await results.getByRole("link").click();

    await expect(page.getByRole("heading", { name: "Demographics" })).toBeVisible();
    await expect(page.locator("dd.mono")).toHaveText("MRN1000002");
    await expect(page.getByRole("table", { name: "Observations" })).toContainText(/\d/);
    const before = await page.getByRole("table", { name: "Observations" }).getByRole("row").count();

    await page.getByRole("button", { name: "Add observation" }).click();
    await expect(page.getByText("Choose what was measured.")).toBeVisible();
    await page.getByLabel("Measurement").selectOption("8867-4");
    await page.getByLabel("Value").fill("400");
    await page.getByLabel("Measured at (UTC)").fill("2026-01-05T08:30");
    await page.getByRole("button", { name: "Add observation" }).click();
    await expect(page.getByText("Heart rate must be between 10 and 300 /min.")).toBeVisible();
    await page.getByLabel("Value").fill("64");
    await page.getByRole("button", { name: "Add observation" }).click();
    await expect(page.getByRole("status")).toHaveText(/saved and anchored/);
    const table = page.getByRole("table", { name: "Observations" });
    await expect(table.getByRole("row")).toHaveCount(before + 1);
    await expect(table).toContainText("64 /min");
    await expect(table).toContainText("2026-01-05 08:30");
    await screenshot(page, "records-chart");

    const bundle = await page.request.get(page.url().replace("/records/", "/api/fhir/Patient/"));
    expect(bundle.headers()["content-type"]).toContain("application/fhir+json");
    expect((await bundle.json()).resourceType).toBe("Bundle");
  });

  test("a clinician outside the care team sees name and year of birth only, never the MRN or birth date", async ({
    page,
  }) => {
    await signInViaApi(page, "CLINICIAN");
    await page.goto("/records");
    await page.getByPlaceholder(/MRN/).fill("MRN1000150");
    await page.getByRole("button", { name: "Search" }).click();
    const row = page.getByRole("table", { name: "Search results" }).getByRole("row").nth(1);
    await expect(row).toContainText("no relationship");
    await expect(row.getByRole("cell").nth(1)).toHaveText(/^\d{4}$/);
    await expect(row.getByRole("cell").nth(2)).toHaveText("—");
    await expect(page.locator("main")).not.toContainText("MRN1000150");
    await expect(page.getByRole("table", { name: "Search results" })).not.toContainText(/\d{4}-\d{2}-\d{2}/);
    await screenshot(page, "records-search-no-relationship");
    await row.getByRole("link").click();
    await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Declare emergency and open chart" })).toBeVisible();
  });

  test("a search by last name lists matches; an unknown name says so", async ({ page }) => {
    await signInViaApi(page, "CLINICIAN");
    await searchRecords(page, "Zzyzx-nobody");
    await expect(page.getByText("No patient matches that last name.")).toBeVisible();
    await searchRecords(page, "a");
    await expect(page.locator("main").getByRole("alert")).toContainText(/at least 2 characters/);
    await expect(page.getByPlaceholder(/MRN/)).toHaveValue("a");
    await searchRecords(page, "--");
    await expect(page.locator("main").getByRole("alert")).toContainText(/at least one letter or digit/);
  });

  test("POST /api/fhir answers 422 listing every problem and imports nothing", async ({ page }) => {
    await signInViaApi(page, "CLINICIAN");
    const res = await page.request.post("/api/fhir", {
      data: {
        resourceType: "Bundle",
        type: "collection",
        entry: [
          {
            fullUrl: "urn:uuid:p",
            resource: {
              resourceType: "Patient",
              identifier: [{ value: "MRN9990001" }],
              name: [{ family: "Bundleson" }],
            },
          },
          {
            resource: {
              resourceType: "Observation",
              status: "final",
              code: { text: "Heart rate" },
              subject: { reference: "urn:uuid:p" },
              valueQuantity: { value: "fast" },
            },
          },
          { resource: { resourceType: "Immunization" } },
        ],
      },
    });
    expect(res.status()).toBe(422);
    const body = await res.json();
    expect(body.error.details.map((d: { path: string }) => d.path)).toEqual([
      "entry[1].resource.valueQuantity.value",
      "entry[2].resource.resourceType",
    ]);
    await searchRecords(page, "MRN9990001");
    await expect(page.getByText("No patient matches that MRN.")).toBeVisible();
  });
});
