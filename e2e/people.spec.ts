import type { Page } from "@playwright/test";
import { expectNoAxeViolations } from "./fixtures/axe";
import { expect, screenshot, signInViaApi, test } from "./fixtures/session";

// From the explorer to a staff member's card and on to a patient's "who looked at this record",
// as a compliance officer clicks through them; the rule-hit filter; no MRN in any address.

const MRN = "MRN1000007";

function recordUrls(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (r) => urls.push(r.url()));
  page.on("framenavigated", (f) => urls.push(f.url()));
  return urls;
}

test("explorer → a clinician's card → a patient's who-looked page → back to the card", async ({ page }) => {
  await signInViaApi(page, "COMPLIANCE_OFFICER");
  await page.goto("/explorer?role=CLINICIAN&action=R&outcome=0&limit=5");
  const row = page.locator(".explorer-table tbody tr").first();
  const userLink = row.getByRole("link").first();
  const name = (await userLink.textContent())!.trim();
  await userLink.click();
  await page.waitForURL(/\/explorer\/users\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Who" })).toBeVisible();
  await expect(page.locator("dl.facts")).toContainText("Also a patient here");
  const figures = page.getByRole("region", { name: "Activity figures" });
  await expect(figures.getByRole("rowheader", { name: "Last 24 hours" })).toBeVisible();
  await expect(figures.getByRole("rowheader", { name: /^Peers' usual day/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /events in the last 28 days, by local time in / })).toBeVisible();
  await expect(page.getByRole("link", { name: `Alerts about ${name}` })).toHaveAttribute(
    "href",
    /^\/alerts\?actor=[0-9a-f-]{36}$/,
  );
  const timeline = page.getByRole("region", { name: "Access events" });
  await expect(timeline.locator("tbody tr")).toHaveCount(20);
  await screenshot(page, "people-user-card");

  // The timeline pages by the explorer's keyset, forward and back.
  const firstPage = await timeline.locator("tbody tr").allTextContents();
  await page
    .getByRole("navigation", { name: "Pages of the timeline" })
    .getByRole("link", { name: /Next page/ })
    .click();
  await page.waitForURL(/cursor=/);
  const page2 = page.url();
  await expect(timeline.locator("tbody tr").first()).toBeVisible();
  expect(await timeline.locator("tbody tr").allTextContents()).not.toEqual(firstPage);
  await page
    .getByRole("navigation", { name: "Pages of the timeline" })
    .getByRole("link", { name: /Previous page/ })
    .click();
  await page.waitForURL((u) => u.toString() !== page2);
  expect(await timeline.locator("tbody tr").allTextContents()).toEqual(firstPage);

  // A patient of the timeline: who looked at their record, the clinician among them.
  const patientLink = timeline.locator("tbody tr td:nth-child(8) a").first();
  const pseudonym = (await patientLink.textContent())!.trim();
  await patientLink.click();
  await page.waitForURL(/\/explorer\/patients\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: `Who looked at ${pseudonym}`, level: 1 })).toBeVisible();
  const people = page.getByRole("region", { name: "Who looked at this record" });
  await expect(people.getByRole("link", { name })).toBeVisible();
  await expect(people.locator("thead")).toContainText("Break-glass");
  await screenshot(page, "people-who-looked");
  await expectNoAxeViolations(page);

  await people.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
});

test("a patient found by MRN leads to who looked at their record, which pages; no address carries the MRN", async ({
  page,
}) => {
  const urls = recordUrls(page);
  await signInViaApi(page, "COMPLIANCE_OFFICER");
  await page.goto("/explorer");
  await page.getByLabel("Patient MRN").fill(MRN);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForURL(/patient=[0-9a-f-]{36}/);
  await page.getByRole("link", { name: "Who looked at this patient's record" }).click();
  await page.waitForURL(/\/explorer\/patients\/[0-9a-f-]{36}$/);
  // The officer's own explorer views are accesses about the patient too: at least one person.
  const people = page.getByRole("region", { name: "Who looked at this record" });
  await expect(async () => {
    await page.reload();
    await expect(people.locator("tbody tr").first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  const heading = await page.getByRole("heading", { level: 2 }).first().textContent();
  const count = Number(/^(\d+) (?:person|people)/.exec(heading ?? "")?.[1]);
  expect(count).toBeGreaterThan(0);
  if (count > 1) {
    await page.goto(`${page.url()}?limit=1`);
    const first = await people.locator("tbody tr").allTextContents();
    await page
      .getByRole("navigation", { name: "Pages of people" })
      .getByRole("link", { name: /Next page/ })
      .click();
    await page.waitForURL(/cursor=/);
    expect(await people.locator("tbody tr").allTextContents()).not.toEqual(first);
  }
  // A bad page size is a message on the page, not an error page.
  await page.goto(`${page.url().split("?")[0]}?limit=0`);
  await expect(page.locator("p.alert.error")).toContainText("limit must be at least 1");
  for (const u of urls) expect(u).not.toContain(MRN.replace("MRN", ""));
});

test("the explorer filters on a rule hit: the events the demo's after-hours alerts cite", async ({ page }) => {
  await signInViaApi(page, "COMPLIANCE_OFFICER");
  await page.goto("/explorer?limit=10");
  await page.getByLabel("Rule hit").selectOption("after-hours");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForURL(/rule=after-hours/);
  await expect(page.getByText("Events cited by the privacy alerts of the rule")).toBeVisible();
  await expect(page.locator(".explorer-table tbody tr").first()).toBeVisible();
  await screenshot(page, "explorer-rule-hit");
  const api = await page.request.get("/api/monitor/access-events?rule=after-hours&limit=2");
  expect(api.status()).toBe(200);
  expect(((await api.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0);
  expect((await page.request.get("/api/monitor/access-events?rule=nope")).status()).toBe(400);
  const csv = await page.request.get("/api/monitor/access-events/export?rule=after-hours");
  expect(csv.status()).toBe(200);
  expect((await csv.text()).trimEnd().split("\r\n").length).toBeGreaterThan(1);
});
