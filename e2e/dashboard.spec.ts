import { account } from "./fixtures/accounts";
import { expect, screenshot, signInViaApi, test } from "./fixtures/session";

test("the compliance dashboard shows real figures from the database", async ({ page, browser }) => {
  await signInViaApi(page, "COMPLIANCE_OFFICER");
  const overview = async () => {
    const api = await page.request.get("/api/overview");
    expect(api.ok()).toBeTruthy();
    return api.json();
  };
  const before = await overview();

  // One wrong password elsewhere writes a failed sign-in: the figures must follow it.
  const other = await browser.newContext();
  const { csrfToken } = (await (await other.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await other.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: account("AUDITOR").email, password: "not the password", json: "true" },
  });
  await other.close();

  // The figures come from rollups kept behind the ledger: they follow once the event is sealed.
  // At least one more: an earlier test's failure can still arrive inside the window (CI saw +2
  // twice, once after waiting for an empty queue and caught-up rollups first).
  await expect
    .poll(async () => (await overview()).failedSignIns24h, { timeout: 20_000 })
    .toBeGreaterThanOrEqual(before.failedSignIns24h + 1);
  const o = await overview();
  expect(o.patients).toBe(200);
  expect(o.records).toBeGreaterThan(200 * 4);
  expect(o.staff).toBeGreaterThanOrEqual(20);
  expect(o.events).toBeGreaterThan(before.events);
  expect(o.eventsLast24h - before.eventsLast24h).toBe(o.events - before.events);

  await page.goto("/dashboard");
  const card = (label: string) =>
    page
      .locator(".stat")
      .filter({ has: page.locator(".label").getByText(label, { exact: true }) })
      .locator(".value");
  await expect(card("Patients")).toHaveText("200");
  await expect(card("Records")).toHaveText(o.records.toLocaleString("en-US"));
  await expect(card("Failed sign-ins (24 h)")).toHaveText(String(o.failedSignIns24h));
  await expect(page.getByText(/^Figures as of \d\d:\d\d:\d\d UTC \(read again every 5 s\)/)).toBeVisible();
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
