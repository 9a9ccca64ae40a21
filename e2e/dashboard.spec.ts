import { expect, screenshot, signInViaApi, test } from "./fixtures/session";

test("the compliance dashboard shows real figures from the database", async ({ page }) => {
  await signInViaApi(page, "COMPLIANCE_OFFICER");
  const api = await page.request.get("/api/overview");
  expect(api.ok()).toBeTruthy();
  const o = await api.json();
  expect(o.patients).toBe(200);
  expect(o.records).toBeGreaterThan(200 * 4);
  expect(o.staff).toBeGreaterThanOrEqual(20);
  expect(o.events).toBeGreaterThan(0);

  await page.goto("/dashboard");
  const card = (label: string) => page.locator(".stat", { hasText: label }).locator(".value");
  await expect(card("Patients")).toHaveText("200");
  await expect(card("Records")).toHaveText(o.records.toLocaleString("en-US"));
  await expect(page.getByText("Access events per day")).toBeVisible();
  await expect(page.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await screenshot(page, "dashboard");
});

test("a patient sees their own decrypted details at /me", async ({ page }) => {
  await signInViaApi(page, "PATIENT");
  await page.goto("/me");
  await expect(page.getByRole("heading", { name: "Your details" })).toBeVisible();
  await expect(page.locator("dd.mono")).toHaveText(/^MRN\d{7}$/);
  await screenshot(page, "me");
});
